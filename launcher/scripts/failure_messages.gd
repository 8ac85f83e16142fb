# From what went wrong (an update's failure type, or a vsekai exit code) to a sentence a player
# understands and the one action that helps: retry, repair, or free some disk space.
extends Reference

const RETRY := "retry"
const REPAIR := "repair"
const FREE_DISK := "free_disk"
const DETAILS := "details"

# Failure types (workflows' UpdateFailures) by what a player can do about them.
const BY_TYPE := {
	"InsufficientDiskSpace": ["ERROR_DISK_FULL", FREE_DISK],
	"FolderNotWritable": ["ERROR_FOLDER", DETAILS],
	"CorruptChunk": ["ERROR_CORRUPT", RETRY],
	"InvalidInstall": ["ERROR_INVALID_INSTALL", REPAIR],
	"GaveUp": ["ERROR_UNREACHABLE", RETRY],
	"AccessRefused": ["ERROR_ACCESS", DETAILS],
	"MissingReleaseData": ["ERROR_WITHDRAWN", RETRY],
	"UnknownRelease": ["ERROR_WITHDRAWN", RETRY],
	"Downgrade": ["ERROR_REFUSED", DETAILS],
	"UnsafePath": ["ERROR_REFUSED", DETAILS],
	"WrongProduct": ["ERROR_REFUSED", DETAILS],
	"WrongMode": ["ERROR_REFUSED", DETAILS],
	"WrongTarget": ["ERROR_REFUSED", DETAILS],
	"ExpiredMetadata": ["ERROR_STALE", RETRY],
	"MetadataRollback": ["ERROR_TAMPERED", DETAILS],
	"UntrustedMetadata": ["ERROR_TAMPERED", DETAILS],
	"MixedMetadata": ["ERROR_TAMPERED", RETRY],
	"EndlessData": ["ERROR_TAMPERED", RETRY],
	"HashMismatch": ["ERROR_TAMPERED", RETRY],
	"MalformedMetadata": ["ERROR_TAMPERED", RETRY],
	"UnsupportedMetadataVersion": ["ERROR_TOO_OLD", DETAILS],
}

# vsekai's exit codes (README, "Exit codes").
const BY_EXIT_CODE := {
	1: ["ERROR_UNKNOWN", DETAILS],
	2: ["ERROR_UNKNOWN", DETAILS],
	3: ["ERROR_INVALID_INSTALL", REPAIR],
	4: ["ERROR_WITHDRAWN", RETRY],
	5: ["ERROR_UNREACHABLE", RETRY],
	6: ["ERROR_REFUSED", DETAILS],
	7: ["ERROR_DISK_FULL", FREE_DISK],
	8: ["ERROR_CANCELLED", RETRY],
	130: ["ERROR_CANCELLED", RETRY],
}


# {"message": translation key, "action": one of the actions above}.
func for_failure_type(failure_type: String) -> Dictionary:
	var found: Array = BY_TYPE.get(failure_type, ["ERROR_UNKNOWN", RETRY])
	return {"message": found[0], "action": found[1]}


func for_exit_code(code: int) -> Dictionary:
	if code == 0:
		return {}
	var found: Array = BY_EXIT_CODE.get(code, ["ERROR_UNKNOWN", DETAILS])
	return {"message": found[0], "action": found[1]}


# The service is unreachable: a retry later is all a player can do.
func for_offline() -> Dictionary:
	return {"message": "ERROR_UNREACHABLE", "action": RETRY}
