extends "res://tests/test_case.gd"

const FailureMessages := preload("res://scripts/failure_messages.gd")

var messages := FailureMessages.new()


func test_disk_full_asks_for_space():
	check_eq(messages.for_exit_code(7)["action"], FailureMessages.FREE_DISK, "exit 7")
	var t := messages.for_failure_type("InsufficientDiskSpace")
	check_eq(t["message"], "ERROR_DISK_FULL", "message")
	check_eq(t["action"], FailureMessages.FREE_DISK, "action")


func test_damaged_files_ask_for_repair():
	check_eq(messages.for_exit_code(3)["action"], FailureMessages.REPAIR, "exit 3")
	check_eq(messages.for_failure_type("InvalidInstall")["action"], FailureMessages.REPAIR, "type")


func test_unreachable_asks_for_retry():
	check_eq(messages.for_exit_code(5)["action"], FailureMessages.RETRY, "exit 5")
	check_eq(messages.for_offline()["message"], "ERROR_UNREACHABLE", "offline")


func test_refusals_explain_and_show_details():
	for t in ["UntrustedMetadata", "MetadataRollback", "Downgrade", "WrongTarget"]:
		check(messages.for_failure_type(t)["message"] in ["ERROR_TAMPERED", "ERROR_REFUSED"], t)
	check_eq(messages.for_exit_code(6)["message"], "ERROR_REFUSED", "exit 6")


func test_unknown_failures_still_get_a_sentence():
	check_eq(messages.for_failure_type("SomethingNew")["message"], "ERROR_UNKNOWN", "type")
	check_eq(messages.for_exit_code(42)["message"], "ERROR_UNKNOWN", "code")
	check(messages.for_exit_code(0).empty(), "success is no error")


func test_every_message_is_translated_in_english_and_japanese():
	var f := File.new()
	f.open("res://translations/launcher.csv", File.READ)
	var keys := {}
	f.get_csv_line()
	while not f.eof_reached():
		var row := f.get_csv_line()
		if row.size() >= 3 and row[0] != "":
			keys[row[0]] = row
			check(row[1] != "" and row[2] != "", "both languages for " + row[0])
	f.close()
	for pair in FailureMessages.BY_TYPE.values() + FailureMessages.BY_EXIT_CODE.values():
		check(keys.has(pair[0]), "translated: " + pair[0])
	for key in preload("res://scripts/launcher_state.gd").STATE_KEYS.values():
		check(keys.has(key), "translated: " + key)
