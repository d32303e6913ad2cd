package io.virtforge.cli;

import io.virtforge.cli.HostPicture.CpuUse;
import io.virtforge.cli.HostPicture.PoolCount;
import io.virtforge.topology.DomainFootprint;
import io.virtforge.topology.HostCpu;
import io.virtforge.topology.HostState;
import io.virtforge.topology.HostTopology;
import io.virtforge.topology.NumaNode;
import io.virtforge.topology.PciDevice;
import io.virtforge.value.CpuSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The host as an SVG picture, like {@code lstopo}'s: one box per NUMA node with its cores, each core's SMT sibling
 * CPUs, and on each CPU what a domain pins there (vCPUs, emulator, I/O threads) in that domain's colour; the node's
 * huge page pools as bars (used by each domain, used otherwise, free); the node's PCI devices with the domain that
 * owns each; a legend of the domains' colours. The numbers are {@link HostPicture}'s, the ones {@code virtforge host}
 * prints. Plain SVG 1.1 (no script, no CSS beyond attributes), every name escaped, so browsers and
 * {@code rsvg-convert} draw it alike; the elements carry {@code class} and {@code data-*} attributes for tools.
 */
final class HostSvg {
    /** Distinguishable colours (Tableau 10), given to the domains in name order; more domains go round the hues. */
    private static final String[] PALETTE = {"#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948",
        "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"};
    private static final int MARGIN = 16;
    private static final int CPU_W = 64;
    private static final int CPU_H = 40;
    private static final int GAP = 6;
    private static final int CORES_PER_ROW = 8;
    private static final int LINE = 16;
    private static final int BAR_W = 360;
    /**
     * Stands for the node boxes' width until the drawing's width is known; no text can contain it, since
     * {@link #esc} turns NUL into U+FFFD.
     */
    private static final String NODE_WIDTH = "\u0000NODE-WIDTH\u0000";

    private final HostPicture picture;
    private final HostState state;
    private final HostTopology t;
    private final Map<String, String> colours = new LinkedHashMap<>();
    private final int coreW;
    private final int minWidth;
    /** The right edge of the widest text so far. */
    private int right;

    HostSvg(HostPicture picture) {
        this.picture = picture;
        this.state = picture.state();
        this.t = state.topology();
        state.footprints().stream().map(DomainFootprint::domain).sorted().forEach(d -> colours.put(d, colour(colours.size())));
        int threads = t.cpus().stream().mapToInt(c -> Math.max(1, c.siblings().size())).max().orElse(1);
        this.coreW = GAP + threads * (CPU_W + GAP);
        int cores = t.nodes().stream().mapToInt(n -> HostPicture.cores(t, n).size()).max().orElse(1);
        this.minWidth = Math.max(2 * MARGIN + 2 * GAP + Math.min(CORES_PER_ROW, Math.max(1, cores)) * (coreW + GAP),
                2 * MARGIN + BAR_W + 300);
    }

    /** A drawing without its {@code <svg>} element, to stand alone or beside others. */
    record Drawing(String body, int width, int height) {
    }

    /** The picture of the host, titled with where it came from (a URI or a folder). */
    String render(String source) {
        Drawing d = draw("Host " + source + ": " + Counts.of(t.nodes().size(), "NUMA node") + ", "
                + Counts.of(t.cpus().size(), "CPU") + " (" + Counts.of(t.physicalCores(), "core") + ")"
                + t.cpuModel().map(m -> ", " + m).orElse("") + ", IOMMU " + (t.iommuEnabled() ? "on" : "off"), List.of());
        return document("Host " + source, d.width(), d.height(), d.body());
    }

    /** Drawings side by side in one picture, under a title. */
    static String sideBySide(String title, List<Drawing> drawings) {
        StringBuilder body = new StringBuilder();
        text(body, MARGIN, MARGIN + 14, 18, "bold", title);
        int x = 0;
        int height = 0;
        for (Drawing d : drawings) {
            body.append("<svg class=\"panel\" x=\"").append(x).append("\" y=\"").append(MARGIN + 24)
                    .append("\" width=\"").append(d.width()).append("\" height=\"").append(d.height()).append("\">\n")
                    .append(d.body()).append("</svg>\n");
            x += d.width();
            height = Math.max(height, d.height());
        }
        return document(title, x, height + MARGIN + 24, body.toString());
    }

    private static String document(String title, int width, int height, String body) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"" + width + "\" height=\"" + height
                + "\" viewBox=\"0 0 " + width + " " + height + "\" font-family=\"DejaVu Sans, Verdana, sans-serif\">\n"
                + "<title>" + esc(title) + "</title>\n"
                + "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n" + body + "</svg>\n";
    }

    /** The host under a heading, with lines of notes after the legend. */
    Drawing draw(String heading, List<String> notes) {
        StringBuilder body = new StringBuilder();
        right = 0;
        int y = MARGIN;
        label(body, MARGIN, y + 14, 16, "bold", heading);
        y += 28;
        for (NumaNode n : t.nodes()) {
            y = node(body, n, y) + MARGIN;
        }
        List<PciDevice> unplaced = t.pciDevices().stream().filter(this::shown)
                .filter(d -> d.numaNode().isEmpty() || t.node(d.numaNode().getAsInt()).isEmpty()).toList();
        if (!unplaced.isEmpty()) {
            body.append("<g class=\"unplaced\">\n");
            label(body, MARGIN, y + 12, 13, "bold", "PCI devices on no NUMA node (the firmware names none)");
            y = devices(body, unplaced, MARGIN + GAP, y + 20) + MARGIN;
            body.append("</g>\n");
        }
        y = legend(body, y);
        if (!notes.isEmpty()) {
            body.append("<g class=\"notes\">\n");
            for (String note : notes) {
                label(body, MARGIN, y + 12, 11, "normal", note);
                y += LINE;
            }
            body.append("</g>\n");
            y += GAP;
        }
        int width = Math.max(minWidth, right + 2 * MARGIN);
        // the node boxes span the drawing, known only now that every text is placed
        return new Drawing(body.toString().replace(NODE_WIDTH, Integer.toString(width - 2 * MARGIN)), width, y);
    }

    private int node(StringBuilder out, NumaNode n, int top) {
        StringBuilder in = new StringBuilder();
        int x0 = MARGIN + GAP;
        int y = top + 22;
        List<CpuSet> cores = HostPicture.cores(t, n);
        for (int i = 0; i < cores.size(); i++) {
            int cx = x0 + (i % CORES_PER_ROW) * (coreW + GAP);
            int cy = y + (i / CORES_PER_ROW) * (CPU_H + 24 + GAP);
            core(in, cores.get(i), cx, cy);
        }
        y += ((cores.size() + CORES_PER_ROW - 1) / CORES_PER_ROW) * (CPU_H + 24 + GAP) + 4;
        for (PoolCount p : picture.pools(n)) {
            y = pool(in, n, p, x0, y) + 4;
        }
        List<PciDevice> devices = t.pciDevices().stream().filter(this::shown)
                .filter(d -> d.numaNode().orElse(-1) == n.id()).toList();
        y = devices(in, devices, x0, y);
        int height = y - top + GAP;
        out.append("<g class=\"node\" data-node=\"").append(n.id()).append("\">\n");
        out.append("<rect class=\"node-box\" x=\"").append(MARGIN).append("\" y=\"").append(top).append("\" width=\"")
                .append(NODE_WIDTH).append("\" height=\"").append(height)
                .append("\" rx=\"3\" fill=\"#f3f6ee\" stroke=\"#5a7a2e\"/>\n");
        StringBuilder head = new StringBuilder("NUMA node " + n.id() + ": " + Sizes.human(n.memory()) + ", CPUs "
                + n.cpus().format());
        if (!n.distances().isEmpty()) {
            head.append(", distances");
            n.distances().forEach((to, d) -> head.append(' ').append(to).append(':').append(d));
        }
        label(out, MARGIN + GAP, top + 16, 13, "bold", head.toString());
        out.append(in).append("</g>\n");
        return top + height;
    }

    private void core(StringBuilder out, CpuSet core, int x, int y) {
        HostCpu first = t.cpu(core.first().orElseThrow()).orElse(null);
        String name = first != null && first.core().isPresent()
                ? "Core " + (first.socket().isPresent() ? first.socket().getAsInt() + "/" : "") + first.core().getAsInt()
                : "Core";
        out.append("<g class=\"core\" data-cpus=\"").append(core.format()).append("\">\n");
        rect(out, x, y, coreW, CPU_H + 24, "#e6ebdc", "#8fa36b", "core-box");
        label(out, x + 4, y + 13, 10, "normal", name);
        int cx = x + GAP;
        for (int id : core.toArray()) {
            cpu(out, id, cx, y + 18);
            cx += CPU_W + GAP;
        }
        out.append("</g>\n");
    }

    private void cpu(StringBuilder out, int id, int x, int y) {
        HostCpu c = t.cpu(id).orElse(null);
        boolean offline = c != null && !c.online();
        boolean isolated = c != null && c.isolated();
        List<CpuUse> uses = picture.pinnedBy().getOrDefault(id, List.of());
        StringBuilder tip = new StringBuilder("CPU " + id);
        tip.append(offline ? " (offline)" : "").append(isolated ? " (isolated)" : "");
        uses.forEach(u -> tip.append(", ").append(u));
        out.append("<g class=\"cpu\" data-cpu=\"").append(id).append("\"><title>").append(esc(tip.toString()))
                .append("</title>\n");
        rect(out, x, y, CPU_W, CPU_H, offline ? "#cccccc" : "#ffffff", isolated ? "#000000" : "#999999", "cpu-box");
        // each use a horizontal stripe of the domain's colour, under the CPU's number
        int stripeTop = y + 14;
        int stripeH = uses.isEmpty() ? 0 : (CPU_H - 15) / uses.size();
        for (int i = 0; i < uses.size(); i++) {
            CpuUse u = uses.get(i);
            int sy = stripeTop + i * stripeH;
            out.append("<rect class=\"use\" data-domain=\"").append(esc(u.domain())).append("\" data-kind=\"")
                    .append(u.kind().name().toLowerCase(Locale.ROOT)).append("\" x=\"").append(x + 1).append("\" y=\"")
                    .append(sy).append("\" width=\"").append(CPU_W - 2).append("\" height=\"").append(stripeH)
                    .append("\" fill=\"").append(colours.get(u.domain())).append("\"/>\n");
            out.append("<text x=\"").append(x + 4).append("\" y=\"").append(sy + Math.min(stripeH, 12) - 2)
                    .append("\" font-size=\"").append(Math.min(10, Math.max(7, stripeH - 2)))
                    .append("\" font-weight=\"bold\" fill=\"").append(ink(colours.get(u.domain()))).append("\">")
                    .append(esc(clip(u.mark(), 10))).append("</text>\n");
        }
        label(out, x + 4, y + 11, 10, isolated ? "bold" : "normal", "CPU " + id + (isolated ? " iso" : "")
                + (offline ? " off" : ""));
        out.append("</g>\n");
    }

    /** A huge page pool as a bar: each domain's pages on the node in its colour, other used pages grey, free white. */
    private int pool(StringBuilder out, NumaNode n, PoolCount p, int x, int y) {
        long used = Math.max(0, p.total() - p.free());
        out.append("<g class=\"hugepages\" data-size=\"").append(esc(p.size().format())).append("\" data-total=\"")
                .append(p.total()).append("\" data-free=\"").append(p.free()).append("\">\n");
        rect(out, x, y, BAR_W, 14, "#ffffff", "#666666", "pool-bar");
        long drawn = 0;
        if (p.total() > 0) {
            for (DomainFootprint f : state.footprints()) {
                long pages = f.hugePagesByNode().getOrDefault(n.id(), Map.of()).getOrDefault(p.size(), 0L);
                pages = Math.min(pages, used - drawn);
                if (pages > 0) {
                    segment(out, x, y, drawn, pages, p.total(), colours.get(f.domain()), f.domain());
                    drawn += pages;
                }
            }
            if (used > drawn) {
                segment(out, x, y, drawn, used - drawn, p.total(), "#888888", "");
            }
        }
        label(out, x + BAR_W + 8, y + 11, 11, "normal", p.size().format() + " huge pages: " + used + " used, "
                + p.free() + " free of " + p.total());
        out.append("</g>\n");
        return y + 18;
    }

    private static void segment(StringBuilder out, int x, int y, long from, long pages, long total, String fill,
            String domain) {
        int sx = x + (int) (BAR_W * from / total);
        int w = Math.max(1, (int) (BAR_W * (from + pages) / total) - (int) (BAR_W * from / total));
        out.append("<rect class=\"pool-used\" data-domain=\"").append(esc(domain)).append("\" x=\"").append(sx)
                .append("\" y=\"").append(y + 1).append("\" width=\"").append(w).append("\" height=\"12\" fill=\"")
                .append(fill).append("\"/>\n");
    }

    private int devices(StringBuilder out, List<PciDevice> devices, int x, int y) {
        for (PciDevice d : devices) {
            Optional<String> owner = state.assignedTo(d.address());
            out.append("<g class=\"pci\" data-address=\"").append(d.address().format()).append('"');
            owner.ifPresent(o -> out.append(" data-owner=\"").append(esc(o)).append('"'));
            out.append(">\n");
            rect(out, x, y + 2, 10, 10, owner.map(colours::get).orElse("#ffffff"), "#666666", "pci-owner");
            StringBuilder line = new StringBuilder("PCI " + d.address().format() + " [" + d.ids() + "]");
            d.productName().ifPresent(p -> line.append(' ').append(clip(p, 48)));
            line.append(d.isVf() ? " (VF)" : "").append(", ").append(d.driver().orElse("no driver"));
            d.netdev().ifPresent(nd -> line.append(", ").append(nd));
            owner.ifPresent(o -> line.append(" \u2192 ").append(o));
            label(out, x + 16, y + 11, 11, owner.isPresent() ? "bold" : "normal", line.toString());
            out.append("</g>\n");
            y += LINE;
        }
        return y;
    }

    /** Bridges and unassigned VFs are left out: they would fill the picture and own nothing. */
    private boolean shown(PciDevice d) {
        return !d.isBridge() && (!d.isVf() || state.assignedTo(d.address()).isPresent());
    }

    private int legend(StringBuilder out, int top) {
        out.append("<g class=\"legend\">\n");
        label(out, MARGIN, top + 12, 13, "bold", "Domains");
        int y = top + 20;
        if (colours.isEmpty()) {
            label(out, MARGIN, y + 11, 11, "normal", "none running with pins on this host");
            y += LINE;
        }
        for (DomainFootprint f : state.footprints().stream()
                .sorted((a, b) -> a.domain().compareTo(b.domain())).toList()) {
            out.append("<g class=\"legend-entry\" data-domain=\"").append(esc(f.domain())).append("\">\n");
            rect(out, MARGIN, y + 1, 12, 12, colours.get(f.domain()), "#333333", "swatch");
            StringBuilder line = new StringBuilder(f.domain() + ": " + Counts.of(f.vcpus(), "vCPU"));
            line.append(f.vcpuPins().isEmpty() ? ", unpinned" : " on CPUs " + f.vcpuPins().format());
            line.append(f.emulatorPin().isEmpty() ? "" : ", emulator on " + f.emulatorPin().format());
            line.append(f.iothreadPins().isEmpty() ? "" : ", I/O threads on " + f.iothreadPins().format());
            label(out, MARGIN + 18, y + 11, 11, "normal", line.toString());
            out.append("</g>\n");
            y += LINE;
        }
        label(out, MARGIN, y + 13, 10, "normal", "On a CPU: vN = the domain's vCPU N, emu = its emulator threads, "
                + "ioN = its I/O thread N; iso = isolated (black frame), off = offline (grey).");
        label(out, MARGIN, y + 27, 10, "normal", "Huge page bars: a domain's pages in its colour, other used pages grey, "
                + "free white.");
        out.append("</g>\n");
        return y + 38;
    }

    private static void rect(StringBuilder out, int x, int y, int w, int h, String fill, String stroke, String cls) {
        out.append("<rect class=\"").append(cls).append("\" x=\"").append(x).append("\" y=\"").append(y)
                .append("\" width=\"").append(w).append("\" height=\"").append(h).append("\" rx=\"3\" fill=\"")
                .append(fill).append("\" stroke=\"").append(stroke).append("\"/>\n");
    }

    /** A text of this drawing: it widens the drawing where it would run past the edge. */
    private void label(StringBuilder out, int x, int y, int size, String weight, String s) {
        text(out, x, y, size, weight, s);
        // DejaVu Sans averages about 0.6 em a character, bold a little more
        right = Math.max(right, x + (int) Math.ceil(s.length() * size * (weight.equals("bold") ? 0.66 : 0.6)));
    }

    private static void text(StringBuilder out, int x, int y, int size, String weight, String s) {
        out.append("<text x=\"").append(x).append("\" y=\"").append(y).append("\" font-size=\"").append(size)
                .append("\" font-weight=\"").append(weight).append("\">").append(esc(s)).append("</text>\n");
    }

    /** Black or white, whichever reads better on a fill (by its relative luminance). */
    private static String ink(String fill) {
        int rgb = Integer.parseInt(fill.substring(1), 16);
        double luma = 0.2126 * (rgb >> 16) + 0.7152 * (rgb >> 8 & 0xff) + 0.0722 * (rgb & 0xff);
        return luma < 140 ? "#ffffff" : "#000000";
    }

    private static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "\u2026";
    }

    private static String colour(int i) {
        if (i < PALETTE.length) {
            return PALETTE[i];
        }
        // beyond the palette: hues spaced by the golden angle, so neighbours stay apart
        float hue = (float) ((i * 137.508) % 360 / 360);
        return String.format(Locale.ROOT, "#%06x", java.awt.Color.HSBtoRGB(hue, 0.5f, 0.85f) & 0xffffff);
    }

    /**
     * Text for XML character data and attribute values: the five markup characters escaped, and characters XML 1.0
     * cannot carry at all (controls other than tab and newline, lone surrogates) replaced by U+FFFD.
     */
    static String esc(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> {
                    if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                        sb.append(c).append(s.charAt(++i));
                    } else if (c < 0x20 && c != '\t' && c != '\n' || Character.isSurrogate(c) || c == 0xFFFE
                            || c == 0xFFFF) {
                        sb.append('\uFFFD');
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }
}
