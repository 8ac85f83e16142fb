# The launcher's main screen: polls the install's worker four times a second and shows its
# state; every button is one call to the worker's API. Arguments after "--":
#   --install DIR   the install folder (default $VSEKAI_LAUNCHER_DIR)
#   --vsekai PATH   the vsekai command (default $VSEKAI_COMMAND, else "vsekai")
#   --state-out F   write what the screen shows to F on every change (for tests and support)
#   --screenshot-dir D  save the screen to D/<n>-<state>.png at each change of state
#   --locale L      the language (default the system's; en and ja are translated)
extends Control

const Adapter := preload("res://scripts/nebula_adapter.gd")
const LauncherState := preload("res://scripts/launcher_state.gd")
const FailureMessages := preload("res://scripts/failure_messages.gd")
const Settings := preload("res://scripts/settings_panel.gd")
const Wordmark := preload("res://scripts/wordmark.gd")

const POLL_SECONDS := 0.25
const WORKER_START_RETRY_MS := 15000

var adapter
var states := LauncherState.new()
var failures := FailureMessages.new()
var last_state := {}
var last_view := {}
var state_out := ""
var screenshot_dir := ""
var _shots := 0
var _state_request := -1
var _notes_request := -1
var _notes_for := ""
var _available := ""
var _worker_started_at := -WORKER_START_RETRY_MS
var _game_pid := 0
var _widgets := {}


func _ready():
	var args := _user_args()
	var dir: String = args.get("install", "")
	if dir == "":
		dir = OS.get_environment("VSEKAI_LAUNCHER_DIR")
	var command: String = args.get("vsekai", OS.get_environment("VSEKAI_COMMAND"))
	if command == "":
		command = "vsekai"
	state_out = args.get("state-out", "")
	screenshot_dir = args.get("screenshot-dir", "")
	adapter = Adapter.new(dir, command)
	add_child(adapter)
	adapter.connect("answered", self, "_on_answered")
	adapter.load_translations()
	var locale: String = args.get("locale", adapter.locale())
	TranslationServer.set_locale(locale)
	if locale.begins_with("ja"):
		var font = adapter.cjk_font()
		if font != null:
			theme = Theme.new()
			theme.default_font = font
	_build()
	var timer := Timer.new()
	timer.wait_time = POLL_SECONDS
	timer.autostart = true
	timer.connect("timeout", self, "_poll")
	add_child(timer)
	_poll()


func _user_args() -> Dictionary:
	var out := {}
	var args := OS.get_cmdline_args()
	var i := 0
	while i < args.size():
		var a: String = args[i]
		if (
			a.begins_with("--")
			and i + 1 < args.size()
			and a in ["--install", "--vsekai", "--state-out", "--screenshot-dir", "--locale"]
		):
			out[a.substr(2)] = args[i + 1]
			i += 1
		i += 1
	return out


func _build():
	anchor_right = 1
	anchor_bottom = 1
	var root := VBoxContainer.new()
	root.anchor_right = 1
	root.anchor_bottom = 1
	root.margin_left = 32
	root.margin_top = 24
	root.margin_right = -32
	root.margin_bottom = -24
	root.add_constant_override("separation", 14)
	add_child(root)
	root.add_child(Wordmark.new())
	_widgets["version"] = _label(root, "")
	_widgets["mode"] = _label(root, "")
	_widgets["state"] = _label(root, "")
	var bar := ProgressBar.new()
	bar.rect_min_size = Vector2(0, 24)
	root.add_child(bar)
	_widgets["bar"] = bar
	_widgets["rate"] = _label(root, "")
	_widgets["error"] = _label(root, "")
	var row := HBoxContainer.new()
	row.add_constant_override("separation", 10)
	root.add_child(row)
	for name in ["play", "update", "pause", "resume", "cancel", "retry"]:
		_widgets[name] = _button(row, "BUTTON_" + name.to_upper(), "_on_" + name)
	var row2 := HBoxContainer.new()
	row2.add_constant_override("separation", 10)
	root.add_child(row2)
	for name in ["verify", "repair", "settings", "details"]:
		_widgets[name] = _button(row2, "BUTTON_" + name.to_upper(), "_on_" + name)
	_widgets["check"] = _label(root, "")
	_widgets["notes"] = _label(root, "")
	var log_view := TextEdit.new()
	log_view.readonly = true
	log_view.visible = false
	log_view.size_flags_vertical = SIZE_EXPAND_FILL
	root.add_child(log_view)
	_widgets["log"] = log_view
	var settings = Settings.new()
	settings.adapter = adapter
	add_child(settings)
	_widgets["settings_panel"] = settings
	_widgets["update"].grab_focus()


func _label(parent: Node, text: String) -> Label:
	var l := Label.new()
	l.text = text
	l.autowrap = true
	parent.add_child(l)
	return l


func _button(parent: Node, key: String, handler: String) -> Button:
	var b := Button.new()
	b.text = key
	b.focus_mode = FOCUS_ALL
	b.connect("pressed", self, handler)
	parent.add_child(b)
	return b


func _poll():
	_take_requested_screenshot()
	if _state_request >= 0:
		return
	if adapter.read_api_file().empty():
		_show({})
		if adapter.msec() - _worker_started_at > WORKER_START_RETRY_MS:
			_worker_started_at = adapter.msec()
			adapter.start_worker()
		return
	_state_request = adapter.call_api(HTTPClient.METHOD_GET, "/v1/state")


func _on_answered(id, status, body):
	if id == _state_request:
		_state_request = -1
		_show(body if status == 200 else {})
	elif id == _notes_request:
		_notes_request = -1
		_widgets["notes"].text = _notes_text(body) if status == 200 else ""
		var offered = body.get("availableVersion") if status == 200 else null
		_available = "" if offered == null else str(offered)
	elif status != 200 and body.has("error"):
		_widgets["error"].text = str(body["error"])


func _show(state: Dictionary):
	last_state = state
	var v: Dictionary = states.view(state, _available)
	var version: String = v["version"]
	_widgets["version"].text = (
		tr("LABEL_VERSION") % version
		if version != ""
		else tr("NOTHING_INSTALLED")
	)
	_widgets["mode"].text = tr("LABEL_MODE") % v["mode"] if v["mode"] != "" else ""
	_widgets["state"].text = tr(v["state_key"])
	_widgets["bar"].visible = v["progress"] >= 0
	_widgets["bar"].value = max(v["progress"], 0) * 100
	_widgets["rate"].text = ("%s   %s" % [v["speed"], v["eta"]]).strip_edges()
	for name in ["play", "update", "pause", "resume", "cancel"]:
		_widgets[name].disabled = not v[name]
	_widgets["verify"].disabled = not v["verify"]
	_widgets["repair"].disabled = not v["verify"]
	var failure := {}
	if v["failure_type"] != "":
		failure = failures.for_failure_type(v["failure_type"])
	elif v["state_key"] == "STATE_OFFLINE":
		failure = failures.for_offline()
	_widgets["error"].text = tr(failure["message"]) if not failure.empty() else ""
	_widgets["retry"].visible = not failure.empty() and failure["action"] != FailureMessages.REPAIR
	_widgets["retry"].text = tr(
		"BUTTON_FREE_DISK" if failure.get("action") == FailureMessages.FREE_DISK else "BUTTON_RETRY"
	)
	v["error"] = failure.get("message", "")
	v["bytes_done"] = int(state.get("bytesDone", 0))
	v["notes"] = _widgets["notes"].text
	v["action"] = failure.get("action", "")
	_widgets["check"].text = _check_text(state.get("check", {}))
	# The notes of what is installed and of what is offered change only with those versions.
	var notes_for := "%s|%s|%s" % [v["version"], state.get("updateTo"), state.get("updateState")]
	if not state.empty() and notes_for != _notes_for and _notes_request < 0:
		_notes_for = notes_for
		_notes_request = adapter.call_api(HTTPClient.METHOD_GET, "/v1/notes")
	if v.hash() != last_view.hash():
		var new_state: bool = v["state_key"] != last_view.get("state_key")
		last_view = v
		if state_out != "":
			adapter.write_text(state_out, adapter.to_json(v))
		if new_state and screenshot_dir != "":
			# After the frame that shows the new state has been drawn.
			yield(VisualServer, "frame_post_draw")
			_shots += 1
			save_screenshot(screenshot_dir.plus_file("%02d-%s.png" % [_shots, v["state_key"]]))


# A test (or support) asks for a screenshot by writing its file name into <dir>/take.
func _take_requested_screenshot():
	if screenshot_dir == "":
		return
	var request := screenshot_dir.plus_file("take")
	var name: String = adapter.read_text(request).strip_edges()
	if name == "":
		return
	adapter.remove_file(request)
	save_screenshot(screenshot_dir.plus_file(name))


func save_screenshot(path: String) -> int:
	var image := get_viewport().get_texture().get_data()
	image.flip_y()
	return image.save_png(path)


# What's new: the offered version's notes before updating, the installed one's after.
func _notes_text(notes: Dictionary) -> String:
	for which in ["available", "installed"]:
		var text = notes.get(which + "Notes")
		if text != null and str(text) != "":
			return "%s (%s)\n%s" % [tr("RELEASE_NOTES"), notes.get(which + "Version"), text]
	return ""


func _check_text(check: Dictionary) -> String:
	if check.empty():
		return ""
	if check.get("running", false):
		return (
			tr("CHECK_RUNNING")
			% [
				LauncherState.bytes_text(int(check.get("bytesDone", 0))),
				LauncherState.bytes_text(int(check.get("bytesTotal", 0)))
			]
		)
	var result: Dictionary = check.get("result", {})
	var damaged: Array = result.get("damaged", [])
	if damaged.empty():
		return tr("CHECK_OK") % int(result.get("files", 0))
	return tr("CHECK_DAMAGED") % damaged.size()


func _on_play():
	_game_pid = adapter.launch_game()
	match int(adapter.load_preferences().get("on_start", 0)):
		1:
			adapter.minimize_window()
		2:
			# The game runs on; vsekai launch keeps its release until it exits.
			get_tree().quit()


func _on_update():
	adapter.call_api(HTTPClient.METHOD_POST, "/v1/update", {})


func _on_retry():
	_on_update()


func _on_pause():
	adapter.call_api(HTTPClient.METHOD_POST, "/v1/pause", {})


func _on_resume():
	adapter.call_api(HTTPClient.METHOD_POST, "/v1/resume", {})


func _on_cancel():
	adapter.call_api(HTTPClient.METHOD_POST, "/v1/cancel", {})


func _on_verify():
	adapter.call_api(HTTPClient.METHOD_POST, "/v1/verify", {})


func _on_repair():
	adapter.call_api(HTTPClient.METHOD_POST, "/v1/repair", {})


func _on_settings():
	_widgets["settings_panel"].open()


func _on_details():
	var log_view: TextEdit = _widgets["log"]
	log_view.visible = not log_view.visible
	if log_view.visible:
		log_view.text = adapter.read_log_tail()
