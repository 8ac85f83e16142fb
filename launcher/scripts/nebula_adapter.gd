# Every call the launcher makes to the outside world: files, JSON, HTTP, processes, OS.
# The port to Godot 4 (see README, "The launcher") rewrites this one script by hand; the
# rest of the launcher only sees dictionaries and strings.
extends Node

signal answered(request_id, status, body)

const API_FILE := ".nebula/local-api.json"
const TRANSLATIONS := "res://translations/launcher.csv"
const LOG_FILE := ".nebula/worker.log"
const PREFERENCES := "user://launcher.cfg"
const CJK_FONTS := [
	"/usr/share/fonts/opentype/ipafont-gothic/ipagp.ttf",
	"/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf",
	"/usr/share/fonts/truetype/fonts-japanese-gothic.ttf",
	"C:/Windows/Fonts/YuGothM.ttc",
	"/System/Library/Fonts/Hiragino Sans GB.ttc",
]

var install_dir := ""
var vsekai_command := "vsekai"
var port := 0
var secret := ""
var _next_id := 0


func _init(dir := "", command := "vsekai"):
	install_dir = dir
	vsekai_command = command


# The install's launcher API: port and secret the worker wrote, or {} when none serves.
func read_api_file() -> Dictionary:
	var text := read_text(install_dir.plus_file(API_FILE))
	if text == "":
		return {}
	var parsed := parse_json_object(text)
	if not parsed.has("port") or not parsed.has("secret"):
		return {}
	port = int(parsed["port"])
	secret = str(parsed["secret"])
	return parsed


func read_text(path: String) -> String:
	var f := File.new()
	if not f.file_exists(path) or f.open(path, File.READ) != OK:
		return ""
	var text := f.get_as_text()
	f.close()
	return text


func remove_file(path: String) -> bool:
	return Directory.new().remove(path) == OK


func write_text(path: String, text: String) -> bool:
	var f := File.new()
	if f.open(path, File.WRITE) != OK:
		return false
	f.store_string(text)
	f.close()
	return true


# A JSON object, or {} for anything else (bad JSON, an array, a number).
func parse_json_object(text: String) -> Dictionary:
	var parsed := JSON.parse(text)
	if parsed.error != OK or typeof(parsed.result) != TYPE_DICTIONARY:
		return {}
	return parsed.result


func to_json(value) -> String:
	return JSON.print(value)


func headers() -> PoolStringArray:
	return PoolStringArray(
		[
			"Authorization: Bearer " + secret,
			"Content-Type: application/json",
			"Accept: application/json"
		]
	)


func api_url(path: String) -> String:
	return "http://127.0.0.1:%d%s" % [port, path]


# Sends one call to the worker; the answer comes as the answered signal with its id.
func call_api(method: int, path: String, body = null) -> int:
	_next_id += 1
	var id := _next_id
	var http := HTTPRequest.new()
	http.timeout = 10
	add_child(http)
	http.connect("request_completed", self, "_on_completed", [http, id])
	var data := "" if body == null else to_json(body)
	var err := http.request(api_url(path), headers(), false, method, data)
	if err != OK:
		http.queue_free()
		call_deferred("emit_signal", "answered", id, 0, {"error": "cannot call the worker"})
	return id


func _on_completed(_result, code, _headers, body, http, id):
	http.queue_free()
	emit_signal("answered", id, code, parse_json_object(body.get_string_from_utf8()))


# Starts the install's worker in the background, its output appended to the log the details
# view shows; its API file appears once it serves.
func start_worker() -> int:
	var log_path := install_dir.plus_file(LOG_FILE)
	if OS.get_name() == "Windows":
		var line := '"%s" worker "%s" >> "%s" 2>&1' % [vsekai_command, install_dir, log_path]
		return OS.execute("cmd", ["/c", line], false)
	var sh := 'exec "$0" worker "$1" >> "$2" 2>&1'
	return OS.execute("sh", ["-c", sh, vsekai_command, install_dir, log_path], false)


# Runs the game from the installed release (vsekai launch records it, so an update keeps
# that release until the game exits).
func launch_game(args := []) -> int:
	var all := ["launch", install_dir]
	if not args.empty():
		all.append("--")
		all += args
	return OS.execute(vsekai_command, all, false)


func is_running(pid: int) -> bool:
	if pid <= 0:
		return false
	if OS.get_name() == "Windows":
		return OS.execute("tasklist", ["/FI", "PID eq %d" % pid, "/NH"], true) == 0
	return OS.execute("kill", ["-0", str(pid)], true) == 0


# The launcher's own preferences (not the install's): what to do when the game starts.
func load_preferences(path := PREFERENCES) -> Dictionary:
	var cfg := ConfigFile.new()
	if cfg.load(path) != OK:
		return {"on_start": 0}
	return {"on_start": int(cfg.get_value("launcher", "on_start", 0))}


func save_preferences(prefs: Dictionary, path := PREFERENCES) -> bool:
	var cfg := ConfigFile.new()
	for key in prefs:
		cfg.set_value("launcher", key, prefs[key])
	return cfg.save(path) == OK


# A font with Japanese glyphs from the system (Godot's default font has none), or null.
func cjk_font(size := 16) -> DynamicFont:
	var f := File.new()
	for path in CJK_FONTS:
		if f.file_exists(path):
			var data := DynamicFontData.new()
			data.font_path = path
			var font := DynamicFont.new()
			font.font_data = data
			font.size = size
			return font
	return null


func minimize_window():
	OS.window_minimized = true


func msec() -> int:
	return OS.get_ticks_msec()


func locale() -> String:
	return OS.get_locale()


func environment(name: String) -> String:
	return OS.get_environment(name)


# Loads the CSV translations (key,en,ja,...) without the editor's import step.
func load_translations(path := TRANSLATIONS) -> Array:
	var f := File.new()
	if f.open(path, File.READ) != OK:
		return []
	var header := f.get_csv_line()
	var translations := []
	for i in range(1, header.size()):
		var t := Translation.new()
		t.locale = header[i]
		translations.append(t)
	while not f.eof_reached():
		var row := f.get_csv_line()
		if row.size() < header.size() or row[0] == "":
			continue
		for i in range(1, header.size()):
			translations[i - 1].add_message(row[0], row[i])
	f.close()
	for t in translations:
		TranslationServer.add_translation(t)
	return translations


# The last lines of the worker's log, for the details view.
func read_log_tail(lines := 200) -> String:
	var text := read_text(install_dir.plus_file(LOG_FILE))
	var all := text.split("\n")
	var start := max(0, all.size() - lines)
	var out := PoolStringArray()
	for i in range(start, all.size()):
		out.append(all[i])
	return out.join("\n")
