# The CHSI (学信网) diploma photo: 480 × 640, light-blue background. The
# built-in default profile has the same values.
[Profile]
Name=CHSI diploma photo, blue background
Name[zh_CN]=学信网学历证书照片（蓝底）
# Width;height in pixels; for an upload channel, ranges: Width=min;max.
Width=480
Height=640
Dpi=300
# RGB, 0–255.
Background=100;197;255
# Pixels from the top edge in a photo of the smallest height; scaled with it.
HeadTop=50;110
EyeLine=200;300
FaceWidth=180;300
QualityMin=60
# Bytes: 20 × 1024 to 40 × 1000, within 20–40 KB however KB is read.
FileSize=20480;40000

# Allowed values of the compliance checks: min;max, or min;max;good-min;good-max
# to warn between the good and the allowed range. Absent keys keep the
# built-in thresholds.
[Checks]
