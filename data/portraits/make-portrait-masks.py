#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright (C) 2026 The GradPhoto contributors
# Licensed under the GNU GPL, version 3 or any later version: see COPYING.

"""Cuts the two public-domain test portraits out of their backgrounds, once.

Writes data/portraits/portrait-hopper-mask.png and portrait-astronaut-mask.png:
8-bit greyscale PNGs the size of the originals, where the grey value is the
person's alpha (255 = person). The tests only read these PNGs; this script is
kept so the masks can be remade, it is not run by the build or the tests.

    apt install python3-opencv python3-numpy python-matplotlib-data python3-skimage
    data/portraits/make-portrait-masks.py [OUT_DIR]

Method: OpenCV GrabCut from a rectangle plus hand-placed hints (definite
person: face and torso; definite background: flag, sky, shuttle), then the
binary cut is feathered: a narrow soft edge everywhere and a wider one above
the eyebrows, where hair (or the cap) meets the background.
"""
import sys

import cv2
import numpy as np

PORTRAITS = {
    'hopper': {
        'path': '/usr/share/matplotlib/mpl-data/sample_data/grace_hopper.jpg',
        'rect': (10, 15, 500, 585),        # x, y, w, h: the person is inside
        'fg': [('ellipse', (262, 250), (90, 110)),   # face
               ('rect', (150, 380, 360, 600)),       # uniform
               ('ellipse', (262, 90), (80, 40))],    # cap
        'bg': [('rect', (0, 0, 140, 330)),           # flag and its gold fringe
               ('rect', (390, 0, 512, 300)),         # sky
               ('rect', (0, 0, 512, 12)),
               ('rect', (150, 298, 198, 350))],
        'brow_y': 180,
    },
    'astronaut': {
        'path': '/usr/lib/python3/dist-packages/skimage/data/astronaut.png',
        'rect': (15, 5, 497, 507),
        'fg': [('ellipse', (225, 110), (46, 70)),    # face, inside the jaw's outline
               ('rect', (120, 300, 340, 512)),       # suit
               ('ellipse', (390, 440), (90, 60)),    # helmet held in the arm
               ('ellipse', (235, 205), (55, 35)),    # collar inside the neck ring
               ('ellipse', (160, 200), (36, 38))],
        'bg': [('rect', (0, 0, 60, 512)),            # flag
               ('rect', (350, 0, 512, 280)),         # shuttle model
               ('rect', (0, 0, 512, 8)),
               ('rect', (365, 255, 512, 338)),       # the model's black stand
               ('poly', [(458, 338), (512, 338), (512, 440), (506, 436),
                         (496, 404), (480, 372), (458, 350)]),
               # the wall seen between the jaw and the neck ring, each side
               ('poly', [(156, 129), (172, 129), (181, 133), (181, 148),
                         (156, 150)]),
               ('poly', [(283, 126), (300, 126), (300, 198), (290, 198),
                         (284, 193), (276, 187), (270, 181), (261, 177),
                         (259, 162), (263, 156), (265, 150), (267, 144),
                         (269, 138), (279, 132)])],
        'brow_y': 85,
    },
}


def paint(mask, shapes, value):
    for kind, *args in shapes:
        if kind == 'rect':
            x0, y0, x1, y1 = args[0]
            mask[y0:y1, x0:x1] = value
        elif kind == 'poly':
            cv2.fillPoly(mask, [np.array(args[0], np.int32)], int(value))
        else:
            cv2.ellipse(mask, args[0], args[1], 0, 0, 360, int(value), -1)


def cut(spec):
    img = cv2.imread(spec['path'], cv2.IMREAD_COLOR)
    if img is None:
        sys.exit('cannot read ' + spec['path'])
    h, w = img.shape[:2]
    mask = np.full((h, w), cv2.GC_BGD, np.uint8)
    x, y, rw, rh = spec['rect']
    mask[y:y + rh, x:x + rw] = cv2.GC_PR_FGD
    paint(mask, spec['bg'], cv2.GC_BGD)
    paint(mask, spec['fg'], cv2.GC_FGD)
    bgd = np.zeros((1, 65), np.float64)
    fgd = np.zeros((1, 65), np.float64)
    cv2.grabCut(img, mask, None, bgd, fgd, 8, cv2.GC_INIT_WITH_MASK)
    person = np.where((mask == cv2.GC_FGD) | (mask == cv2.GC_PR_FGD), 255, 0).astype(np.uint8)

    # Keep the largest connected part: GrabCut leaves specks in the backdrop.
    n, labels, stats, _ = cv2.connectedComponentsWithStats(person, 8)
    if n > 1:
        biggest = 1 + int(np.argmax(stats[1:, cv2.CC_STAT_AREA]))
        person = np.where(labels == biggest, 255, 0).astype(np.uint8)
    person = cv2.morphologyEx(person, cv2.MORPH_CLOSE, np.ones((5, 5), np.uint8))

    # Fill holes (badges, ribbons): background parts that touch no border.
    n, labels, stats, _ = cv2.connectedComponentsWithStats(255 - person, 4)
    for i in range(1, n):
        x0, y0, bw, bh = stats[i, :4]
        if x0 > 0 and y0 > 0 and x0 + bw < w and y0 + bh < h:
            person[labels == i] = 255

    # Feathering: 1 px of softness on clothing, ~3 px at the hair line.
    narrow = cv2.GaussianBlur(person.astype(np.float32), (0, 0), 1.0)
    wide = cv2.GaussianBlur(person.astype(np.float32), (0, 0), 3.0)
    rows = np.arange(h, dtype=np.float32)[:, None]
    weight = np.clip((spec['brow_y'] - rows) / 20.0, 0.0, 1.0)
    alpha = narrow * (1 - weight) + wide * weight
    return np.clip(alpha + 0.5, 0, 255).astype(np.uint8)


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else '.'
    for name, spec in PORTRAITS.items():
        cv2.imwrite('%s/portrait-%s-mask.png' % (out, name), cut(spec),
                    [cv2.IMWRITE_PNG_COMPRESSION, 9])


if __name__ == '__main__':
    main()
