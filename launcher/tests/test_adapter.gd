extends "res://tests/test_case.gd"

const Adapter := preload("res://scripts/nebula_adapter.gd")

var dir := OS.get_user_data_dir().plus_file("adapter-test")


func _install(api_json: String):
	var d := Directory.new()
	d.make_dir_recursive(dir.plus_file(".nebula"))
	var f := File.new()
	f.open(dir.plus_file(".nebula/local-api.json"), File.WRITE)
	f.store_string(api_json)
	f.close()


func test_reads_the_workers_port_and_secret():
	_install('{"port": 43210, "secret": "ab12", "pid": 7}')
	var a = Adapter.new(dir)
	var api: Dictionary = a.read_api_file()
	check_eq(int(api["port"]), 43210, "port")
	check_eq(a.api_url("/v1/state"), "http://127.0.0.1:43210/v1/state", "url on loopback")
	check(a.headers()[0] == "Authorization: Bearer ab12", "secret header")
	a.free()


func test_a_missing_or_bad_api_file_means_no_worker():
	var a = Adapter.new(dir.plus_file("nowhere"))
	check(a.read_api_file().empty(), "missing")
	a.free()
	_install("{not json")
	a = Adapter.new(dir)
	check(a.read_api_file().empty(), "bad JSON")
	a.free()
	_install('{"port": 1}')
	a = Adapter.new(dir)
	check(a.read_api_file().empty(), "no secret")
	a.free()


func test_json_objects_only():
	var a = Adapter.new(dir)
	check_eq(a.parse_json_object('{"a": 1}')["a"], 1.0, "object")
	check(a.parse_json_object("[1, 2]").empty(), "array")
	check(a.parse_json_object("").empty(), "empty")
	a.free()


func test_translations_load_from_csv_without_import():
	var a = Adapter.new(dir)
	var loaded: Array = a.load_translations()
	check_eq(loaded.size(), 2, "English and Japanese")
	TranslationServer.set_locale("ja")
	check_eq(TranslationServer.translate("BUTTON_PLAY"), "プレイ", "Japanese")
	TranslationServer.set_locale("en")
	check_eq(TranslationServer.translate("BUTTON_PLAY"), "Play", "English")
	a.free()


func test_the_log_tail_is_the_last_lines():
	_install("{}")
	var f := File.new()
	f.open(dir.plus_file(".nebula/worker.log"), File.WRITE)
	for i in range(300):
		f.store_line("line %d" % i)
	f.close()
	var a = Adapter.new(dir)
	var tail: String = a.read_log_tail(3)
	check(tail.begins_with("line 298"), "tail: " + tail.substr(0, 20))
	a.free()


func test_preferences_round_trip():
	var a = Adapter.new(dir)
	var path := dir.plus_file("prefs.cfg")
	Directory.new().remove(path)
	check_eq(a.load_preferences(path)["on_start"], 0, "default: keep the launcher open")
	check(a.save_preferences({"on_start": 2}, path), "saved")
	check_eq(a.load_preferences(path)["on_start"], 2, "read back")
	a.free()


func test_japanese_has_a_font_with_its_glyphs_where_one_is_installed():
	var a = Adapter.new(dir)
	var font = a.cjk_font()
	var installed := false
	for path in Adapter.CJK_FONTS:
		installed = installed or File.new().file_exists(path)
	check_eq(font != null, installed, "a font exactly when one is installed")
	if font != null:
		check(font.get_string_size("プレイ").x > 20, "Japanese glyphs have width")
	a.free()
