// The five sample rooms. Each is laid out like a real interior (furniture against walls, a rug
// under the table, a window with sky) so that trainers judge the enhancer on plausible renders,
// drawn far to near because the drawing kit paints in order.
import { Drawing, shade } from './drawing';

function livingRoom(): string {
  const d = new Drawing({ width: 5.2, height: 2.8, depth: 6 });
  d.shell({ floor: '#b08a5e', back: '#ece6da', left: '#e3dccf', right: '#e6dfd2', ceiling: '#f4f1ea' });
  d.floorSeams(0.26, '#9c7a52', false);
  d.backWindow([-1.5, 0.3], [0.95, 2.35]);
  d.onSideWall(-1, [3.4, 4.8], [1.2, 2.1], '#3d3a36').onSideWall(-1, [3.5, 4.7], [1.27, 2.03], '#d4a373');
  d.onFloor([-1.8, 1.5], [3.0, 5.0], '#c9b79c').onFloor([-1.6, 1.3], [3.15, 4.85], '#b5a282');
  d.box([2.2, 2.6], [0, 2.1], [3.6, 5.4], { front: '#e4ddd0', side: '#d8cfbf' });
  const spines = ['#8c3b3b', '#3b5b8c', '#c9a227', '#4a7a5a', '#6b4f8c', '#d4d0c4'];
  for (const [row, board] of [0.45, 0.95, 1.45].entries()) {
    d.box([2.14, 2.6], [board - 0.04, board], [3.62, 5.38], { front: '#cbbfa9', side: '#cbbfa9' });
    for (let i = 0; i < 10; i += 1) {
      const z = 3.7 + i * 0.09 + row * 0.25;
      const colour = spines[(i + row * 2) % spines.length]!;
      d.box([2.2, 2.5], [board, board + 0.24 + ((i * 5 + row) % 4) * 0.025], [z, z + 0.07], { front: colour, side: colour });
    }
  }
  d.plant(1.75, 5.5, 1.5);
  d.line([-2.0, 0, 5.5], [-2.0, 1.5, 5.5], '#333333', 3);
  d.box([-2.25, -1.75], [1.45, 1.8], [5.3, 5.7], { front: '#f2e6c9', side: '#e8dbbb' });
  const sofa = { front: '#7d8fa3' };
  d.box([-1.6, 1.1], [0, 0.9], [5.55, 5.9], sofa);
  d.box([-1.6, 1.1], [0, 0.44], [4.95, 5.9], sofa);
  d.box([-1.6, -1.35], [0, 0.64], [4.95, 5.9], sofa).box([0.85, 1.1], [0, 0.64], [4.95, 5.9], sofa);
  d.box([-1.3, -0.15], [0.44, 0.54], [5.0, 5.55], { front: '#8d9fb3' }).box([-0.1, 0.8], [0.44, 0.54], [5.0, 5.55], { front: '#8d9fb3' });
  d.box([-1.2, -0.8], [0.54, 0.86], [5.35, 5.5], { front: '#d98f4e' }).box([0.35, 0.75], [0.54, 0.86], [5.35, 5.5], { front: '#e8c872' });
  for (const x of [-0.75, 0.3]) for (const z of [3.95, 4.45]) d.box([x, x + 0.05], [0, 0.38], [z, z + 0.05], { front: '#4e3522' });
  d.box([-0.8, 0.4], [0.38, 0.44], [3.9, 4.55], { front: '#6b4a30', top: '#7a5638' });
  d.box([-0.5, -0.2], [0.44, 0.56], [4.1, 4.3], { front: '#e0e0dc' });
  d.box([1.15, 1.95], [0, 0.42], [3.1, 3.8], { front: '#a65e46' }).box([1.75, 1.95], [0.42, 0.85], [3.1, 3.8], { front: '#a65e46' });
  return d.toSvg();
}

function kitchen(): string {
  const d = new Drawing({ width: 4.6, height: 2.7, depth: 5.5 });
  d.shell({ floor: '#d8d4cc', back: '#f1eee8', left: '#ebe7df', right: '#eeeae2', ceiling: '#f6f4ef' });
  d.floorSeams(0.5, '#bfb9ae', true);
  d.onBackWall([-2.3, 1.45], [0.9, 1.5], '#dfe7ea');
  d.backWindow([-0.6, 0.6], [1.15, 2.15]);
  const doors = '#5e7d8c';
  d.box([-2.3, -0.75], [1.6, 2.3], [5.15, 5.5], { front: doors }).box([0.75, 1.45], [1.6, 2.3], [5.15, 5.5], { front: doors });
  d.box([1.5, 2.3], [0, 2.05], [4.8, 5.5], { front: '#cfd3d6', side: '#c2c7cb' });
  d.line([1.6, 1.2, 4.79], [1.6, 1.6, 4.79], '#8a9095', 3);
  d.box([-2.3, 1.45], [0.1, 0.88], [4.9, 5.5], { front: doors });
  for (let x = -1.75; x < 1.4; x += 0.6) d.line([x, 0.12, 4.899], [x, 0.86, 4.899], shade(doors, 0.75), 2);
  d.box([-2.35, 1.45], [0.88, 0.93], [4.85, 5.5], { front: '#e9e6df', top: '#f0ede6' });
  d.polygon([[-0.45, 0.931, 4.98], [0.45, 0.931, 4.98], [0.45, 0.931, 5.35], [-0.45, 0.931, 5.35]], '#aeb4b8');
  d.box([-2.3, -1.7], [0.1, 0.88], [2.7, 4.9], { front: doors, side: doors });
  d.box([-2.3, -1.65], [0.88, 0.93], [2.7, 4.85], { front: '#e9e6df', side: '#e2ded6', top: '#f0ede6' });
  for (const x of [-0.45, 0.55]) {
    d.line([x, 2.7, 3.6], [x, 1.9, 3.6], '#444444', 2);
    d.blob([x, 1.85, 3.6], 0.18, 0.1, '#2f2f2f');
  }
  d.box([-0.8, 0.9], [0, 0.9], [3.2, 4.0], { front: '#7a6150' });
  d.box([-0.85, 0.95], [0.9, 0.95], [3.15, 4.05], { front: '#ece9e2', top: '#f3f1ec' });
  d.box([-0.3, 0.3], [0.951, 1.0], [3.45, 3.75], { front: '#c4603c' });
  for (const x of [-0.45, 0.45]) {
    d.line([x - 0.15, 0, 2.8], [x - 0.12, 0.65, 2.8], '#2b2b2b', 3).line([x + 0.15, 0, 2.8], [x + 0.12, 0.65, 2.8], '#2b2b2b', 3);
    d.box([x - 0.2, x + 0.2], [0.65, 0.72], [2.65, 2.95], { front: '#2b2b2b' });
  }
  return d.toSvg();
}

function bedroom(): string {
  const d = new Drawing({ width: 4.8, height: 2.7, depth: 5.8 });
  d.shell({ floor: '#a47f5c', back: '#c8d3d9', left: '#dfe4e6', right: '#e2e7e9', ceiling: '#f3f4f3' });
  d.floorSeams(0.24, '#8f6d4d', false);
  d.onSideWall(-1, [3.2, 4.7], [0.9, 2.25], '#f4f4f2').onSideWall(-1, [3.28, 4.62], [0.97, 2.18], '#a9d3f0');
  d.onSideWall(-1, [2.9, 3.25], [0.3, 2.45], '#e8d9c4').onSideWall(-1, [4.65, 5.0], [0.3, 2.45], '#e8d9c4');
  d.onBackWall([-0.7, 0.7], [1.55, 2.15], '#f7f3ea').onBackWall([-0.62, 0.62], [1.62, 2.08], '#7fa0a8');
  d.onFloor([-1.6, 1.6], [3.0, 4.6], '#d9cbb3');
  for (const x of [-1.55, 1.05]) {
    d.box([x, x + 0.5], [0, 0.5], [5.2, 5.7], { front: '#c2a27f' });
    d.box([x + 0.2, x + 0.3], [0.5, 0.75], [5.4, 5.5], { front: '#d9d4c8' });
    d.box([x + 0.08, x + 0.42], [0.75, 1.0], [5.3, 5.6], { front: '#f3e7cc' });
  }
  d.box([-1.0, 1.0], [0, 1.25], [5.65, 5.8], { front: '#8b6f5a' });
  d.box([-0.95, 0.95], [0, 0.35], [3.7, 5.65], { front: '#8b6f5a' });
  d.box([-0.9, 0.9], [0.35, 0.55], [3.72, 5.65], { front: '#f3f1ec' });
  d.box([-0.8, -0.1], [0.55, 0.75], [5.2, 5.5], { front: '#fbfaf7' }).box([0.1, 0.8], [0.55, 0.75], [5.2, 5.5], { front: '#fbfaf7' });
  d.box([-0.97, 0.97], [0.3, 0.62], [3.62, 4.95], { front: '#9bb0c2' });
  d.box([-0.97, 0.97], [0.62, 0.64], [4.2, 4.5], { front: '#d9c27a' });
  d.box([1.8, 2.4], [0, 2.25], [2.9, 4.6], { front: '#efe9df', side: '#e6dfd3' });
  d.line([1.8, 0.05, 3.75], [1.8, 2.2, 3.75], '#cfc6b8', 2);
  d.plant(-1.9, 2.9, 1.1, '#5c8f45');
  return d.toSvg();
}

function bathroom(): string {
  const d = new Drawing({ width: 3.6, height: 2.6, depth: 4.6 });
  d.shell({ floor: '#d3d0ca', back: '#e6eef0', left: '#edf1f1', right: '#eaeeee', ceiling: '#f5f6f6' });
  d.floorSeams(0.3, '#b9b5ad', true);
  d.onBackWall([-1.8, 1.8], [0, 1.4], '#d5e3e7');
  for (let y = 0.2; y < 1.4; y += 0.2) d.line([-1.8, y, 4.599], [1.8, y, 4.599], '#bccdd2', 1);
  for (let x = -1.6; x < 1.8; x += 0.2) d.line([x, 0, 4.599], [x, 1.4, 4.599], '#bccdd2', 1);
  d.onBackWall([0.65, 1.75], [1.15, 2.05], '#b8a58c').onBackWall([0.7, 1.7], [1.2, 2.0], '#c9d6dc');
  d.onSideWall(-1, [2.6, 3.4], [0.95, 1.0], '#9a9a9a').onSideWall(-1, [2.7, 3.3], [0.5, 1.0], '#d98b6a');
  d.box([-1.8, -0.1], [0, 0.55], [3.85, 4.6], { front: '#f7f7f5' });
  d.polygon([[-1.7, 0.551, 3.95], [-0.2, 0.551, 3.95], [-0.2, 0.551, 4.5], [-1.7, 0.551, 4.5]], '#dfe6e8');
  d.polygon([[-0.1, 0, 3.6], [-0.1, 0, 4.6], [-0.1, 2.0, 4.6], [-0.1, 2.0, 3.6]], '#cfe6ee', ' fill-opacity="0.45"');
  d.box([0.6, 1.8], [0.1, 0.82], [4.1, 4.6], { front: '#6d5a4a' });
  d.box([0.55, 1.8], [0.82, 0.86], [4.05, 4.6], { front: '#f2f0ec' });
  d.polygon([[0.9, 0.861, 4.18], [1.45, 0.861, 4.18], [1.45, 0.861, 4.45], [0.9, 0.861, 4.45]], '#ffffff');
  d.line([1.18, 0.86, 4.52], [1.18, 1.0, 4.52], '#9aa0a4', 3);
  d.box([1.6, 1.8], [0.42, 0.85], [2.9, 3.4], { front: '#fafafa', side: '#f0f0f0' });
  d.box([1.15, 1.6], [0, 0.42], [2.95, 3.35], { front: '#fafafa', side: '#f0f0f0' });
  d.onFloor([-1.4, -0.4], [3.0, 3.6], '#7f9cab');
  d.blob([0, 2.55, 3.4], 0.2, 0.06, '#ffffff');
  d.box([-1.6, -1.2], [0, 0.5], [2.7, 3.05], { front: '#b9a27f' });
  return d.toSvg();
}

function office(): string {
  const d = new Drawing({ width: 4.4, height: 2.7, depth: 5.2 });
  d.shell({ floor: '#b89b78', back: '#e9ebe6', left: '#eef0ec', right: '#e6e9e3', ceiling: '#f5f6f3' });
  d.floorSeams(0.3, '#a5875f', false);
  d.backWindow([-1.9, -0.3], [0.9, 2.2]);
  d.box([0.4, 1.9], [0, 2.2], [4.85, 5.2], { front: '#d7cfc2' });
  const books = ['#8c3b3b', '#2f4f6f', '#c9a227', '#3e6b4e', '#b86b3c', '#5a4a7a', '#d4d0c4'];
  for (let row = 0; row < 4; row += 1) {
    const y0 = 0.1 + row * 0.52;
    d.facing([0.48, 1.82], [y0, y0 + 0.44], 4.849, '#a89c8a');
    for (let i = 0; i < 9 - row; i += 1) {
      const x = 0.5 + i * 0.13;
      d.facing([x, x + 0.1], [y0, y0 + 0.3 + ((i * 7 + row * 3) % 5) * 0.025], 4.848, books[(i + row * 2) % books.length]!);
    }
  }
  d.onSideWall(-1, [3.0, 4.2], [1.2, 1.9], '#b48a5a');
  for (const [z, colour] of [[3.2, '#f4e27a'], [3.6, '#9fd0e6'], [3.9, '#f2a9a0']] as const) d.onSideWall(-1, [z, z + 0.18], [1.5, 1.7], colour);
  d.box([-2.2, -1.7], [0, 0.72], [3.3, 3.85], { front: '#9aa3a8' });
  for (const x of [-1.3, 0.25]) d.box([x, x + 0.05], [0, 0.72], [4.2, 4.25], { front: '#3a3a3a' });
  d.box([-0.2, 0.3], [0, 0.6], [3.7, 4.2], { front: '#c9b59a' });
  for (const x of [-1.3, 0.25]) d.box([x, x + 0.05], [0, 0.72], [3.65, 3.7], { front: '#3a3a3a' });
  d.box([-1.35, 0.35], [0.72, 0.76], [3.6, 4.3], { front: '#6e5038', top: '#7d5c40' });
  d.box([-0.5, -0.4], [0.76, 0.9], [4.1, 4.15], { front: '#2a2a2a' });
  d.box([-0.85, -0.05], [0.88, 1.33], [4.05, 4.08], { front: '#222222' });
  d.facing([-0.82, -0.08], [0.91, 1.3], 4.049, '#3b5a78');
  d.box([-0.7, -0.2], [0.76, 0.78], [3.7, 3.85], { front: '#d0d0d0' });
  d.line([0.1, 0.76, 3.9], [0.05, 1.05, 3.95], '#333333', 3).blob([0.05, 1.05, 3.95], 0.09, 0.05, '#e7c65a');
  d.line([-0.55, 0.05, 3.3], [-0.55, 0.45, 3.3], '#222222', 5);
  d.box([-0.85, -0.25], [0.45, 0.53], [3.1, 3.6], { front: '#2e3440' });
  d.box([-0.85, -0.25], [0.53, 1.1], [3.05, 3.12], { front: '#2e3440' });
  d.plant(1.6, 3.3, 1.3);
  return d.toSvg();
}

export const ROOMS = [
  { id: 'living-room', name: 'Living room', draw: livingRoom },
  { id: 'kitchen', name: 'Kitchen', draw: kitchen },
  { id: 'bedroom', name: 'Bedroom', draw: bedroom },
  { id: 'bathroom', name: 'Bathroom', draw: bathroom },
  { id: 'office', name: 'Home office', draw: office },
] as const;
