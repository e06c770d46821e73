// A tiny one-point-perspective drawing kit for the sample renders. Coordinates are metres in the
// room: x to the right (0 = camera axis), y up from the floor, z away from the camera. Everything
// is drawn with flat fills and hard edges, in the order it is added (far to near): the "montage"
// look of a quick render that the enhancer is meant to fix.

export const WIDTH = 1024;
export const HEIGHT = 768;

const FOCAL = 560;
const CENTRE_X = WIDTH / 2;
const HORIZON_Y = 350;
const EYE_HEIGHT = 1.5;

export type Point = readonly [x: number, y: number, z: number];
export type Range = readonly [from: number, to: number];

export interface Room {
  width: number;
  height: number;
  depth: number;
}

export interface BoxColours {
  front: string;
  /** Defaults to a lighter front colour; one flat tone per face, no gradients. */
  top?: string;
  side?: string;
}

const round = (v: number): number => Math.round(v * 10) / 10;

export function project([x, y, z]: Point): [number, number] {
  return [round(CENTRE_X + (FOCAL * x) / z), round(HORIZON_Y + (FOCAL * (EYE_HEIGHT - y)) / z)];
}

/** Scales a #rrggbb colour's channels by `factor` (flat shade steps, not lighting). */
export function shade(hex: string, factor: number): string {
  const channel = (i: number) => Math.max(0, Math.min(255, Math.round(parseInt(hex.slice(i, i + 2), 16) * factor)));
  return `#${[1, 3, 5].map((i) => channel(i).toString(16).padStart(2, '0')).join('')}`;
}

export class Drawing {
  private readonly parts: string[] = [];

  constructor(readonly room: Room) {}

  polygon(points: readonly Point[], fill: string, extra = ''): this {
    const coords = points.map((p) => project(p).join(',')).join(' ');
    this.parts.push(`<polygon points="${coords}" fill="${fill}"${extra}/>`);
    return this;
  }

  /** Floor, ceiling and three walls; the near ends reach past the frame and are clipped by it. */
  shell(colours: { floor: string; back: string; left: string; right: string; ceiling: string }): this {
    const { width, height, depth } = this.room;
    const [l, r, near] = [-width / 2, width / 2, 0.3];
    this.polygon([[l, height, near], [r, height, near], [r, height, depth], [l, height, depth]], colours.ceiling);
    this.polygon([[l, 0, near], [r, 0, near], [r, 0, depth], [l, 0, depth]], colours.floor);
    this.polygon([[l, 0, near], [l, 0, depth], [l, height, depth], [l, height, near]], colours.left);
    this.polygon([[r, 0, near], [r, 0, depth], [r, height, depth], [r, height, near]], colours.right);
    return this.polygon([[l, 0, depth], [r, 0, depth], [r, height, depth], [l, height, depth]], colours.back);
  }

  /** A flat rectangle facing the camera at depth `z` (a screen, the inside of a shelf). */
  facing(x: Range, y: Range, z: number, fill: string): this {
    return this.polygon([[x[0], y[0], z], [x[1], y[0], z], [x[1], y[1], z], [x[0], y[1], z]], fill);
  }

  /** A flat rectangle on the back wall (window, picture, mirror, tiles). */
  onBackWall(x: Range, y: Range, fill: string): this {
    return this.facing(x, y, this.room.depth - 0.001, fill);
  }

  /** A flat rectangle on the left (side = -1) or right (side = 1) wall. */
  onSideWall(side: -1 | 1, z: Range, y: Range, fill: string): this {
    const x = side * (this.room.width / 2 - 0.001);
    return this.polygon([[x, y[0], z[0]], [x, y[0], z[1]], [x, y[1], z[1]], [x, y[1], z[0]]], fill);
  }

  /** A flat rectangle lying on the floor (rug, bath mat). */
  onFloor(x: Range, z: Range, fill: string): this {
    const y = 0.002;
    return this.polygon([[x[0], y, z[0]], [x[1], y, z[0]], [x[1], y, z[1]], [x[0], y, z[1]]], fill);
  }

  /** Seams between floor planks (running away from the camera), or a tile grid. */
  floorSeams(spacing: number, colour: string, tiles: boolean): this {
    const { width, depth } = this.room;
    for (let x = -width / 2 + spacing; x < width / 2 - 1e-6; x += spacing) this.line([x, 0, 0.6], [x, 0, depth], colour, 1.2);
    if (tiles) for (let z = depth - spacing; z > 0.6; z -= spacing) this.line([-width / 2, 0, z], [width / 2, 0, z], colour, 1.2);
    return this;
  }

  /** A window on the back wall: frame, sky, a flat band of distant trees, mullions. */
  backWindow(x: Range, y: Range, frame = '#f4f4f2'): this {
    const m = 0.06;
    this.onBackWall(x, y, frame);
    this.onBackWall([x[0] + m, x[1] - m], [y[0] + m, y[1] - m], '#a9d3f0');
    this.onBackWall([x[0] + m, x[1] - m], [y[0] + m, y[0] + (y[1] - y[0]) * 0.35], '#7fae6a');
    const mid = (x[0] + x[1]) / 2;
    this.onBackWall([mid - m / 2, mid + m / 2], y, frame);
    return this.onBackWall(x, [(y[0] + y[1]) / 2 - m / 2, (y[0] + y[1]) / 2 + m / 2], frame);
  }

  /**
   * A box with the faces a camera at x = 0, eye height 1.5 m can see: the front, the top if it is
   * below eye level (the bottom if above), and the side facing the camera axis.
   */
  box(x: Range, y: Range, z: Range, colours: BoxColours): this {
    const [x0, x1] = x;
    const [y0, y1] = y;
    const [z0, z1] = z;
    const side = colours.side ?? shade(colours.front, 0.86);
    if (x0 > 0) this.polygon([[x0, y0, z0], [x0, y0, z1], [x0, y1, z1], [x0, y1, z0]], side);
    if (x1 < 0) this.polygon([[x1, y0, z0], [x1, y0, z1], [x1, y1, z1], [x1, y1, z0]], side);
    if (y1 < EYE_HEIGHT) {
      this.polygon([[x0, y1, z0], [x1, y1, z0], [x1, y1, z1], [x0, y1, z1]], colours.top ?? shade(colours.front, 1.12));
    } else if (y0 > EYE_HEIGHT) {
      this.polygon([[x0, y0, z0], [x1, y0, z0], [x1, y0, z1], [x0, y0, z1]], colours.top ?? shade(colours.front, 0.8));
    }
    return this.polygon([[x0, y0, z0], [x1, y0, z0], [x1, y1, z0], [x0, y1, z0]], colours.front);
  }

  /** A flat disc seen face-on (foliage, a plate, a lampshade's glow), radius in metres. */
  blob(centre: Point, radiusX: number, radiusY: number, fill: string): this {
    const [cx, cy] = project(centre);
    const scale = FOCAL / centre[2];
    this.parts.push(`<ellipse cx="${cx}" cy="${cy}" rx="${round(radiusX * scale)}" ry="${round(radiusY * scale)}" fill="${fill}"/>`);
    return this;
  }

  line(from: Point, to: Point, stroke: string, widthPx: number): this {
    const [x1, y1] = project(from);
    const [x2, y2] = project(to);
    this.parts.push(`<line x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}" stroke="${stroke}" stroke-width="${widthPx}"/>`);
    return this;
  }

  /** A potted plant: pot box, a stem and a few flat discs of foliage. */
  plant(x: number, z: number, height: number, leaf = '#4f8a3c'): this {
    const potTop = 0.32;
    this.box([x - 0.15, x + 0.15], [0, potTop], [z - 0.15, z + 0.15], { front: '#c8c2b8' });
    const at = (f: number) => potTop + (height - potTop) * f;
    this.line([x, potTop, z], [x, at(0.7), z], '#3d5f2e', 4);
    const discs: Array<[number, number, number]> = [[0, 0.4, 0.26], [-0.17, 0.65, 0.2], [0.15, 0.7, 0.22], [0, 0.9, 0.2]];
    for (const [dx, f, r] of discs) this.blob([x + dx, at(f), z], r, r * 1.2, shade(leaf, 1 + dx));
    return this;
  }

  toSvg(background = '#ffffff'): string {
    return [
      `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}">`,
      `<rect width="${WIDTH}" height="${HEIGHT}" fill="${background}"/>`,
      ...this.parts,
      '</svg>',
    ].join('\n');
  }
}
