extends "res://tests/test_case.gd"

# Every script of the launcher parses: a script no test calls must not fail only when a player
# opens the launcher.


func test_every_script_and_scene_loads():
	for path in [
		"res://scripts/main.gd",
		"res://scripts/settings_panel.gd",
		"res://scripts/wordmark.gd",
		"res://scripts/nebula_adapter.gd",
		"res://scripts/launcher_state.gd",
		"res://scripts/failure_messages.gd",
	]:
		var script = load(path)
		check(script != null and script.can_instance(), "loads: " + path)
	check(load("res://main.tscn") != null, "main scene loads")
