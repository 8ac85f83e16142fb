# Runs every test_*.gd under res://tests headless and prints "N passed, N failed":
#   godot3-server --no-window --path launcher -s res://tests/run_tests.gd
# The exit code is 1 when any test failed, so CI fails with it.
extends SceneTree


func _init():
	var passed := 0
	var failed := 0
	var dir := Directory.new()
	dir.open("res://tests")
	dir.list_dir_begin(true, true)
	var files := []
	var name := dir.get_next()
	while name != "":
		if name.begins_with("test_") and name.ends_with(".gd") and name != "test_case.gd":
			files.append(name)
		name = dir.get_next()
	files.sort()
	for file in files:
		var script = load("res://tests/" + file)
		for method in script.get_script_method_list():
			if not method["name"].begins_with("test_"):
				continue
			var test = script.new()
			if test.has_method("set_tree"):
				test.set_tree(self)
			test.call(method["name"])
			if test.failures.empty():
				passed += 1
			else:
				failed += 1
				for f in test.failures:
					print("FAIL %s %s: %s" % [file, method["name"], f])
	print("%d passed, %d failed" % [passed, failed])
	quit(1 if failed > 0 or passed == 0 else 0)
