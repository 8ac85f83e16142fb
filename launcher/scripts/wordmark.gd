# The V-Sekai wordmark, drawn: a violet "V" badge and the name. Drawn rather than imported so
# that the launcher needs no editor import step (see README, "The launcher").
extends Control

const VIOLET := Color(0.54, 0.36, 0.96)
const PINK := Color(0.96, 0.42, 0.76)


func _ready():
	rect_min_size = Vector2(320, 72)


func _draw():
	var h := rect_size.y
	var badge := PoolVector2Array(
		[
			Vector2(0, 0),
			Vector2(h * 0.36, 0),
			Vector2(h * 0.5, h * 0.55),
			Vector2(h * 0.64, 0),
			Vector2(h, 0),
			Vector2(h * 0.62, h),
			Vector2(h * 0.38, h)
		]
	)
	draw_colored_polygon(badge, VIOLET)
	draw_line(Vector2(h * 0.38, h), Vector2(h * 0.62, h), PINK, 4.0)
	var font := get_font("font", "Label")
	# The theme's font is small: the name is drawn at twice its size beside the badge.
	draw_set_transform(Vector2(h * 1.2, 0), 0, Vector2(2, 2))
	var text := "V-SEKAI"
	var pos := Vector2(0, h * 0.25 + font.get_ascent() * 0.5)
	for i in range(text.length()):
		var c := text[i]
		draw_char(font, pos, c, "", Color(1, 1, 1) if i < 2 else Color(0.85, 0.82, 1))
		pos.x += font.get_string_size(c).x * 1.1
