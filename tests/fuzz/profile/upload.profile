# Vendors' upload channels: 480–1350 × 640–1800 pixels, 50 KB–1 MB, light
# blue. The photo is as large as the camera's detail allows, within range.
[Profile]
Name=Upload channel photo, blue background
Name[zh_CN]=上传通道照片（蓝底）
Width=480;1350
Height=640;1800
Dpi=300
Background=100;197;255
# Pixels from the top edge in a photo of the smallest height; scaled with it.
HeadTop=50;110
EyeLine=200;300
FaceWidth=180;300
QualityMin=60
# Bytes: 50 × 1024 to 1 000 000.
FileSize=51200;1000000

[Checks]
