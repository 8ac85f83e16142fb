extends "res://tests/test_case.gd"

const LauncherState := preload("res://scripts/launcher_state.gd")

var states := LauncherState.new()


func downloading(extra := {}) -> Dictionary:
	var s := {
		"version": "0.1.0",
		"mode": "stable",
		"updateState": "DownloadingUpdate",
		"running": true,
		"paused": false,
		"step": "DownloadingUpdate",
		"bytesDone": 25,
		"bytesTotal": 100,
		"bytesPerSecond": 2048,
		"etaSeconds": 75,
		"playable": true,
		"switching": false,
		"serviceReachable": true,
	}
	for k in extra:
		s[k] = extra[k]
	return s


func test_no_worker_offers_nothing():
	var v := states.view({})
	check_eq(v["state_key"], "STATE_NO_WORKER", "state")
	for b in ["play", "update", "pause", "resume", "cancel"]:
		check_eq(v[b], false, b)


func test_download_shows_progress_speed_and_eta():
	var v := states.view(downloading())
	check_eq(v["state_key"], "STATE_DOWNLOADING", "state")
	check_eq(v["progress"], 0.25, "progress")
	check_eq(v["speed"], "2.0 KiB/s", "speed")
	check_eq(v["eta"], "1:15", "eta")
	check_eq(v["pause"], true, "pause offered")
	check_eq(v["resume"], false, "resume not offered")
	check_eq(v["cancel"], true, "cancel offered")
	check_eq(v["update"], false, "no second update")
	check_eq(v["play"], false, "no play while an update runs")


func test_paused_offers_resume_and_hides_speed():
	var v := states.view(downloading({"paused": true}))
	check_eq(v["state_key"], "STATE_PAUSED", "state")
	check_eq(v["resume"], true, "resume")
	check_eq(v["pause"], false, "pause")
	check_eq(v["speed"], "", "no speed while paused")


func test_play_is_never_offered_during_a_switch():
	var finalizing := downloading(
		{"updateState": "FinalizingUpdate", "step": "FinalizingUpdate", "switching": true}
	)
	var v := states.view(finalizing)
	check_eq(v["play"], false, "play")
	check_eq(v["cancel"], false, "cancel is too late")
	v = states.view(downloading({"switching": true}))
	check_eq(v["play"], false, "play while the journal exists")


func test_offline_still_plays():
	var v := states.view(
		{
			"version": "0.1.0",
			"updateState": null,
			"running": false,
			"serviceReachable": false,
			"playable": true,
		}
	)
	check_eq(v["state_key"], "STATE_OFFLINE", "state")
	check_eq(v["play"], true, "play offline")
	check_eq(v["update"], false, "no update offline")


func test_play_without_updating_when_an_update_waits():
	var v := states.view(
		{"version": "0.1.0", "updateState": "UpdateAvailable", "running": false, "playable": true}
	)
	check_eq(v["play"], true, "play")
	check_eq(v["update"], true, "update")


func test_failure_carries_its_type():
	var v := states.view(
		{"updateState": "UpdateFailed", "running": false, "failureType": "InsufficientDiskSpace"}
	)
	check_eq(v["state_key"], "STATE_FAILED", "state")
	check_eq(v["failure_type"], "InsufficientDiskSpace", "type")
	check_eq(v["update"], true, "retry offered")


func test_sizes_and_durations_read_well():
	check_eq(LauncherState.bytes_text(512), "512 B", "bytes")
	check_eq(LauncherState.bytes_text(3 * 1048576), "3.0 MiB", "MiB")
	check_eq(LauncherState.duration_text(3725), "1:02:05", "hours")
	check_eq(LauncherState.duration_text(59), "0:59", "seconds")


func test_an_offered_version_shows_as_an_update_available():
	var last := {"version": "0.1.0", "updateState": "UpdateSuccessful", "running": false}
	check_eq(states.view(last, "0.2.0")["state_key"], "STATE_UPDATE_AVAILABLE", "offered")
	check_eq(states.view(last, "0.1.0")["state_key"], "STATE_SUCCESS", "already installed")
	check_eq(states.view(last)["state_key"], "STATE_SUCCESS", "nothing offered")
	var failed := {"version": "0.1.0", "updateState": "UpdateFailed", "running": false}
	check_eq(states.view(failed, "0.2.0")["state_key"], "STATE_FAILED", "a failure stays shown")
