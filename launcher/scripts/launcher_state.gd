# What the main screen shows for a state answer of the install's worker: the seed's state in
# words, the progress bar, speed and time left, and which buttons a player may press. No I/O:
# the tests call it with plain dictionaries.
extends Reference

const RUNNING_STEPS := ["Checking", "PreparingUpdate", "DownloadingUpdate", "ApplyingUpdate"]
const STATE_KEYS := {
	"Idle": "STATE_IDLE",
	"Checking": "STATE_CHECKING",
	"NoUpdateFound": "STATE_NO_UPDATE",
	"UpdateAvailable": "STATE_UPDATE_AVAILABLE",
	"PreparingUpdate": "STATE_PREPARING",
	"DownloadingUpdate": "STATE_DOWNLOADING",
	"ApplyingUpdate": "STATE_APPLYING",
	"FinalizingUpdate": "STATE_FINALIZING",
	"UpdateSuccessful": "STATE_SUCCESS",
	"UpdateFailed": "STATE_FAILED",
	"UpdateCancelled": "STATE_CANCELLED",
}


# state: the worker's /v1/state answer, or {} when no worker answers; available: the version
# the signed release metadata offers (from /v1/notes), or "".
func view(state: Dictionary, available := "") -> Dictionary:
	var v := {
		"state_key": "STATE_NO_WORKER",
		"progress": -1.0,
		"speed": "",
		"eta": "",
		"version": str(state.get("version", "")) if state.get("version") != null else "",
		"mode": str(state.get("mode", "")),
		"play": false,
		"update": false,
		"pause": false,
		"resume": false,
		"cancel": false,
		"verify": false,
		"failure_type": "",
	}
	if state.empty():
		return v
	var update_state := (
		str(state.get("updateState", ""))
		if state.get("updateState") != null
		else ""
	)
	var running: bool = state.get("running", false) == true
	var paused: bool = state.get("paused", false) == true
	var switching: bool = state.get("switching", false) == true
	var reachable: bool = state.get("serviceReachable", true) == true
	v["state_key"] = STATE_KEYS.get(update_state, "STATE_IDLE")
	if not reachable and not running:
		v["state_key"] = "STATE_OFFLINE"
	if running and paused:
		v["state_key"] = "STATE_PAUSED"
	var idle_after := ["Idle", "UpdateSuccessful", "NoUpdateFound", "UpdateCancelled", ""]
	if not running and reachable and available != "" and available != v["version"]:
		if update_state in idle_after:
			v["state_key"] = "STATE_UPDATE_AVAILABLE"
	v["available"] = available
	var step := str(state.get("step", ""))
	if running and step == update_state and float(state.get("bytesTotal", 0)) > 0:
		v["progress"] = clamp(float(state["bytesDone"]) / float(state["bytesTotal"]), 0.0, 1.0)
		var rate := int(state.get("bytesPerSecond", 0))
		if rate > 0 and not paused:
			v["speed"] = bytes_text(rate) + "/s"
		var eta := int(state.get("etaSeconds", -1))
		if eta >= 0 and not paused:
			v["eta"] = duration_text(eta)
	# Play runs the game from current/: never while a switch may be moving it, nor while an
	# update runs (a game holding files would only slow it). Idle, offline or with an update
	# waiting, the installed release plays as it is: play without updating.
	v["play"] = state.get("playable", false) == true and not switching and not running
	v["update"] = not running and reachable
	v["pause"] = running and not paused and update_state in RUNNING_STEPS
	v["resume"] = running and paused
	# Past FinalizingUpdate the new release is being switched in; cancel would change nothing.
	v["cancel"] = running and update_state in RUNNING_STEPS
	var check: Dictionary = state.get("check", {})
	v["verify"] = not running and not (check.get("running", false) == true)
	if update_state == "UpdateFailed":
		v["failure_type"] = str(state.get("failureType", ""))
	return v


static func bytes_text(n: int) -> String:
	if n < 1024:
		return "%d B" % n
	if n < 1024 * 1024:
		return "%.1f KiB" % (n / 1024.0)
	if n < 1024 * 1024 * 1024:
		return "%.1f MiB" % (n / 1048576.0)
	return "%.2f GiB" % (n / 1073741824.0)


static func duration_text(seconds: int) -> String:
	if seconds >= 3600:
		return "%d:%02d:%02d" % [seconds / 3600, (seconds / 60) % 60, seconds % 60]
	return "%d:%02d" % [seconds / 60, seconds % 60]
