"""Draw nbs/images/pipeline.png, the README's one figure of the SG-LoRA pipeline (run once; matplotlib only)."""
from pathlib import Path
import matplotlib
matplotlib.use('Agg')
import matplotlib.pyplot as plt
from matplotlib.patches import FancyBboxPatch

BOXES = {   # name: (x, y, text, colour)
    'data':  (0.0, 1.0, "known tasks\nimages + captions", '#eeeeee'),
    'zoo':   (1.0, 1.0, "zoo: one LoRA per task,\nM snapshots each", '#dbe9f6'),
    'repo':  (2.0, 1.0, "expert repository\nμ_e, σ²_e, d_e  (Eq. 5)", '#dbe9f6'),
    'desc':  (0.0, 0.0, "new task's description\n\"a photo of a zebra\"", '#eeeeee'),
    'text':  (1.0, 0.0, "frozen CLIP\ntext encoder -> d*", '#e6f2e1'),
    'sem':   (2.0, 0.0, "top-K experts, α (Eq. 6)\nc = μ*, σ*² (Eq. 7-8)", '#e6f2e1'),
    'cvae':  (3.0, 0.0, "CVAE prior p(z|c)\nand decoder (Eq. 9)", '#fbe5cf'),
    'lora':  (4.0, 0.0, "LoRA for the new task\n(no data, no training)", '#fbe5cf'),
    'eval':  (4.0, 1.0, "scored against merging\nbaselines and the Oracle", '#f2dede'),
}
ARROWS = [('data', 'zoo'), ('zoo', 'repo'), ('desc', 'text'), ('text', 'sem'), ('repo', 'sem'), ('sem', 'cvae'),
          ('cvae', 'lora'), ('lora', 'eval')]
W, H = 0.86, 0.56

def main(out:Path=Path(__file__).resolve().parent.parent/'images'/'pipeline.png'):
    fig, ax = plt.subplots(figsize=(12.5, 3.4))
    for x, y, text, colour in BOXES.values():
        ax.add_patch(FancyBboxPatch((x - W / 2, y - H / 2), W, H, boxstyle='round,pad=0.02', fc=colour, ec='#555555',
                                    lw=1))
        ax.text(x, y, text, ha='center', va='center', fontsize=9.5)
    for a, b in ARROWS:
        (xa, ya), (xb, yb) = BOXES[a][:2], BOXES[b][:2]
        dx, dy = xb - xa, yb - ya
        start = (xa + W / 2 * (dx > 0) - W / 2 * (dx < 0), ya + H / 2 * (dy > 0) - H / 2 * (dy < 0))
        end = (xb - W / 2 * (dx > 0) + W / 2 * (dx < 0), yb - H / 2 * (dy > 0) + H / 2 * (dy < 0))
        ax.annotate('', end, start, arrowprops=dict(arrowstyle='->', color='#333333', lw=1.2))
    ax.set_xlim(-0.5, 4.5); ax.set_ylim(-0.4, 1.4); ax.axis('off')
    fig.savefig(out, dpi=110, bbox_inches='tight'); print(f"wrote {out}")

if __name__ == '__main__': main()
