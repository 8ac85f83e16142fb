# The base of every GDScript test: checks record failures instead of stopping the run.
extends Reference

var failures := []


func check(condition: bool, what: String):
	if not condition:
		failures.append(what)


func check_eq(actual, expected, what: String):
	if typeof(actual) != typeof(expected) or actual != expected:
		failures.append("%s: expected %s, got %s" % [what, str(expected), str(actual)])
