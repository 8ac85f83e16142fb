# The V-Sekai sample: the "V" badge turning on a platform, the version it was built as, and,
# from the second demo release on, a ring of lights (the visible change) in the material
# res://assets/ring.tres (the added asset, which only that release has).
# --screenshot FILE (or VSEKAI_SAMPLE_SCREENSHOT) saves a frame once the scene is drawn, then
# quits.
extends Spatial

const VIOLET := Color(0.54, 0.36, 0.96)

var version := "?"
var extra_ring := false
var _badge: Spatial
var _frames := 0
var _screenshot := ""


func _ready():
	var cfg := ConfigFile.new()
	if cfg.load("res://release.cfg") == OK:
		version = str(cfg.get_value("release", "version", "?"))
		extra_ring = cfg.get_value("release", "extra_ring", false) == true
	# Tests that start the game through the launcher cannot pass it arguments.
	_screenshot = OS.get_environment("VSEKAI_SAMPLE_SCREENSHOT")
	var args := OS.get_cmdline_args()
	for i in range(args.size() - 1):
		if args[i] == "--screenshot":
			_screenshot = args[i + 1]
	_build()
	var ready := "V-Sekai sample %s ready%s" % [version, " with the ring" if extra_ring else ""]
	print(ready)
	if _screenshot != "":
		# Beside the screenshot, what the game is: a started game's output goes nowhere a test
		# can read.
		var f := File.new()
		if f.open(_screenshot + ".txt", File.WRITE) == OK:
			f.store_line(ready)
			f.close()


func _build():
	var camera := Camera.new()
	camera.translation = Vector3(0, 1.6, 5.5)
	camera.rotation_degrees = Vector3(-8, 0, 0)
	add_child(camera)
	var sun := DirectionalLight.new()
	sun.rotation_degrees = Vector3(-50, 30, 0)
	add_child(sun)
	var floor_mesh := MeshInstance.new()
	var plane := PlaneMesh.new()
	plane.size = Vector2(12, 12)
	floor_mesh.mesh = plane
	floor_mesh.material_override = _material(Color(0.16, 0.13, 0.26))
	add_child(floor_mesh)
	_badge = Spatial.new()
	_badge.translation = Vector3(0, 1.4, 0)
	add_child(_badge)
	for side in [-1, 1]:
		var arm := MeshInstance.new()
		var cube := CubeMesh.new()
		cube.size = Vector3(0.35, 1.6, 0.35)
		arm.mesh = cube
		arm.material_override = _material(VIOLET)
		arm.translation = Vector3(0.38 * side, 0, 0)
		arm.rotation_degrees = Vector3(0, 0, -22 * side)
		_badge.add_child(arm)
	if extra_ring:
		var ring_material: Material = load("res://assets/ring.tres")
		for i in range(8):
			var light := MeshInstance.new()
			var sphere := SphereMesh.new()
			sphere.radius = 0.15
			sphere.height = 0.3
			light.mesh = sphere
			light.material_override = ring_material
			var a := TAU * i / 8.0
			light.translation = Vector3(cos(a) * 2.0, 0.3, sin(a) * 2.0)
			add_child(light)
	_gallery()
	var hud := CanvasLayer.new()
	add_child(hud)
	var title := Label.new()
	title.text = "V-SEKAI  sample  %s" % version
	title.rect_position = Vector2(24, 20)
	title.rect_scale = Vector2(2, 2)
	hud.add_child(title)


# The game's textures (res://assets/textures/*.png, packed as they are) on panels behind the V.
func _gallery():
	var dir := Directory.new()
	if dir.open("res://assets/textures") != OK:
		return
	var names := []
	dir.list_dir_begin(true, true)
	var name := dir.get_next()
	while name != "":
		# An exported pack lists an imported texture by its .import file.
		var png := name.trim_suffix(".import")
		if png.ends_with(".png") and not png in names:
			names.append(png)
		name = dir.get_next()
	names.sort()
	for i in range(names.size()):
		var texture = load("res://assets/textures/" + names[i])
		if texture == null:
			continue
		var panel := MeshInstance.new()
		var quad := QuadMesh.new()
		quad.size = Vector2(1.6, 0.8)
		panel.mesh = quad
		var m := SpatialMaterial.new()
		m.albedo_texture = texture
		panel.material_override = m
		var row := i / 6
		panel.translation = Vector3((i % 6) * 1.7 - 4.25, 0.6 + row * 0.9, -3.0 - row * 0.2)
		add_child(panel)


func _material(color: Color) -> SpatialMaterial:
	var m := SpatialMaterial.new()
	m.albedo_color = color
	return m


func _process(delta):
	_badge.rotate_y(delta * 0.8)
	_frames += 1
	if _screenshot != "" and _frames == 30:
		var image := get_viewport().get_texture().get_data()
		image.flip_y()
		image.save_png(_screenshot)
		get_tree().quit()
