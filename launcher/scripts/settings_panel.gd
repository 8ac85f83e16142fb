# The settings screen: the channel (the service's modes), the download limit, automatic
# updates, and what the launcher does when the game starts. Saved through the worker's API.
extends WindowDialog

const ON_START := ["ON_START_KEEP", "ON_START_MINIMIZE", "ON_START_CLOSE"]

var adapter
var _modes := OptionButton.new()
var _cap := SpinBox.new()
var _auto := CheckBox.new()
var _on_start := OptionButton.new()
var _requests := {}


func _ready():
	window_title = tr("SETTINGS_TITLE")
	rect_min_size = Vector2(520, 300)
	var box := VBoxContainer.new()
	box.anchor_right = 1
	box.anchor_bottom = 1
	box.margin_left = 16
	box.margin_top = 16
	box.margin_right = -16
	box.margin_bottom = -16
	add_child(box)
	_row(box, "SETTINGS_MODE", _modes)
	_cap.max_value = 1048576
	_cap.step = 64
	_row(box, "SETTINGS_CAP", _cap)
	_auto.text = tr("SETTINGS_AUTO")
	box.add_child(_auto)
	for key in ON_START:
		_on_start.add_item(tr(key))
	_row(box, "SETTINGS_ON_START", _on_start)
	var save := Button.new()
	save.text = tr("BUTTON_SAVE")
	save.connect("pressed", self, "_save")
	box.add_child(save)
	adapter.connect("answered", self, "_on_answered")


func _row(box: Node, key: String, control: Control):
	var row := HBoxContainer.new()
	var label := Label.new()
	label.text = tr(key)
	label.rect_min_size = Vector2(260, 0)
	row.add_child(label)
	control.size_flags_horizontal = SIZE_EXPAND_FILL
	row.add_child(control)
	box.add_child(row)


func open():
	_requests[adapter.call_api(HTTPClient.METHOD_GET, "/v1/modes")] = "modes"
	_requests[adapter.call_api(HTTPClient.METHOD_GET, "/v1/settings")] = "settings"
	_on_start.select(int(adapter.load_preferences().get("on_start", 0)))
	popup_centered()
	_modes.grab_focus()


func _on_answered(id, status, body):
	var what = _requests.get(id)
	if what == null:
		return
	_requests.erase(id)
	if status != 200:
		return
	if what == "modes":
		_modes.clear()
		for m in body.get("modes", []):
			_modes.add_item(m)
			if m == body.get("mode"):
				_modes.select(_modes.get_item_count() - 1)
	elif what == "settings":
		_cap.value = int(body.get("maxBytesPerSecond", 0)) / 1024
		_auto.pressed = body.get("autoUpdate", true) == true


func _save():
	if _modes.get_item_count() > 0:
		var mode := _modes.get_item_text(_modes.selected)
		adapter.call_api(HTTPClient.METHOD_PUT, "/v1/mode", {"mode": mode})
	var settings := {"maxBytesPerSecond": int(_cap.value) * 1024, "autoUpdate": _auto.pressed}
	adapter.call_api(HTTPClient.METHOD_PUT, "/v1/settings", settings)
	adapter.save_preferences({"on_start": _on_start.selected})
	hide()
