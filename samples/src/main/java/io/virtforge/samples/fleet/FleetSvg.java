package io.virtforge.samples.fleet;

import java.util.List;
import java.util.Locale;

/**
 * Draws the reports side by side as one SVG picture: per strategy a grid of small multiples, one tile per host in
 * host id order (so a host sits at the same place in every panel), split into one strip per NUMA node coloured
 * light to dark by the node's used CPUs, a thin bar under it for its used 2 MiB pages, a mark for GPU and SR-IOV
 * hosts, a red outline where the free CPUs are stranded and a dashed one for an empty host; a title with the
 * key figures above each grid, and a legend below.
 *
 * <p>Hand-written SVG 1.1 text, no library: small, diffable, viewable in any browser. Each host is a
 * {@code <g class="host">} with a tooltip.
 */
public final class FleetSvg {
    private static final int TILE = 24;
    private static final int PITCH_X = 32;
    private static final int PITCH_Y = 34;
    private static final int BAR = 3;
    private static final int MARGIN = 24;
    private static final int PANEL_GAP = 48;
    private static final int HEADER = 96;
    private static final int LEGEND = 124;
    private static final int MIN_PANEL_WIDTH = 360;
    /** ColorBrewer's sequential "Blues", light to dark. */
    private static final int[] RAMP = {0xf7fbff, 0xdeebf7, 0xc6dbef, 0x9ecae1, 0x6baed6, 0x4292c6, 0x2171b5,
        0x08519c, 0x08306b};
    private static final String PAGES = "#e6550d";
    private static final String GPU = "#7b3294";
    private static final String SRIOV = "#1a9850";
    private static final String STRANDED = "#d7191c";

    private FleetSvg() {
    }

    /** The picture of the reports (one panel each, same fleet), as SVG text. */
    public static String of(FleetSimOptions options, List<StrategyReport> reports) {
        int hosts = reports.isEmpty() ? 0 : reports.get(0).hosts().size();
        int columns = Math.max(1, (int) Math.ceil(Math.sqrt(hosts)));
        int rows = Math.max(1, (hosts + columns - 1) / columns);
        int panelWidth = Math.max(MIN_PANEL_WIDTH, columns * PITCH_X);
        int width = 2 * MARGIN + reports.size() * panelWidth + Math.max(0, reports.size() - 1) * PANEL_GAP;
        int gridTop = MARGIN + 28 + HEADER;
        int height = gridTop + rows * PITCH_Y + LEGEND;
        StringBuilder svg = new StringBuilder();
        svg.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"%d\""
                + " height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\">%n",
                width, height, width, height));
        // the attributes every host repeats, once, as classes: it keeps the file small
        svg.append("<style>.sep{stroke:#ffffff;stroke-width:0.6}.box{fill:none;stroke:#9e9e9e;stroke-width:0.6}"
                + ".empty{fill:none;stroke:#636363;stroke-width:1;stroke-dasharray:3,2}"
                + ".stranded{fill:none;stroke:" + STRANDED + ";stroke-width:2}.track{fill:#e0e0e0}.pages{fill:" + PAGES
                + "}</style>\n");
        svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"#ffffff\"/>%n", width, height));
        text(svg, MARGIN, MARGIN + 14, 17, "bold", String.format(Locale.ROOT,
                "fleet-sim: %d hosts (seed %d), one stream of up to %d requests, packed and spread", hosts,
                options.seed(), options.requests()));
        for (int i = 0; i < reports.size(); i++) {
            int x = MARGIN + i * (panelWidth + PANEL_GAP);
            panel(svg, reports.get(i), x, MARGIN + 28, gridTop, columns);
        }
        legend(svg, MARGIN, gridTop + rows * PITCH_Y + 20);
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static void panel(StringBuilder svg, StrategyReport r, int x, int top, int gridTop, int columns) {
        svg.append(String.format(Locale.ROOT, "<g id=\"%s\" class=\"strategy\">%n", r.strategy().label()));
        text(svg, x, top + 18, 16, "bold", r.strategy().label().toUpperCase(Locale.ROOT));
        text(svg, x, top + 40, 13, "normal", r.placed() + " placed, " + r.refused() + " refused of "
                + r.requests() + " requests");
        text(svg, x, top + 58, 13, "normal", "CPUs " + ReportText.percent(r.cpuUse()) + " used, 2 MiB pages "
                + ReportText.percent(r.hugePageUse()) + " used");
        text(svg, x, top + 76, 13, "normal", r.strandedCpus() + " CPUs stranded on " + r.strandedHosts()
                + " hosts, " + r.emptyHosts() + " hosts empty, " + r.hostsTakingLargest() + " take an x16");
        List<HostUse> hosts = r.hosts();
        for (int i = 0; i < hosts.size(); i++) {
            host(svg, hosts.get(i), x + (i % columns) * PITCH_X, gridTop + (i / columns) * PITCH_Y);
        }
        svg.append("</g>\n");
    }

    private static void host(StringBuilder svg, HostUse h, int x, int y) {
        svg.append(String.format(Locale.ROOT, "<g class=\"host\"><title>%s</title>%n", escape(tooltip(h))));
        int nodes = h.nodeCpus().size();
        for (int n = 0; n < nodes; n++) {
            // integer strip edges, so that the strips tile the square exactly whatever the node count
            int x0 = x + n * TILE / nodes;
            int x1 = x + (n + 1) * TILE / nodes;
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"/>%n",
                    x0, y, x1 - x0, TILE, colour(h.nodeUse(n))));
        }
        for (int n = 1; n < nodes; n++) {
            int xn = x + n * TILE / nodes;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" class=\"sep\"/>%n",
                    xn, y, xn, y + TILE));
        }
        String outline = h.strandedCpus() > 0 ? "stranded" : h.empty() ? "empty" : "box";
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" class=\"%s\"/>%n",
                x, y, TILE, TILE, outline));
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" class=\"track\"/>"
                + "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" class=\"pages\"/>%n", x, y + TILE + 2, TILE, BAR,
                x, y + TILE + 2, TILE * h.hugePageUse(), BAR));
        if (h.gpu()) {
            svg.append(gpuMark(x + TILE + 1, y - 1));
        }
        if (h.sriov()) {
            svg.append(sriovMark(x + TILE + 1, y - 1));
        }
        svg.append("</g>\n");
    }

    /** A small triangle pointing into the tile's top-right corner. */
    private static String gpuMark(int x, int y) {
        return String.format(Locale.ROOT, "<path d=\"M %d %d L %d %d L %d %d Z\" fill=\"%s\" stroke=\"#ffffff\""
                + " stroke-width=\"0.8\"/>%n", x - 9, y, x, y, x, y + 9, GPU);
    }

    /** A small dot on the tile's top-right corner. */
    private static String sriovMark(int x, int y) {
        return String.format(Locale.ROOT, "<circle cx=\"%d\" cy=\"%d\" r=\"3.5\" fill=\"%s\" stroke=\"#ffffff\""
                + " stroke-width=\"0.8\"/>%n", x - 3, y + 3, SRIOV);
    }

    private static String tooltip(HostUse h) {
        return String.format(Locale.ROOT, "%s: %d nodes%s, %d of %d CPUs used, 2 MiB pages %s used, %d domains%s",
                h.id(), h.nodeCpus().size(), h.gpu() ? ", GPUs" : h.sriov() ? ", SR-IOV NICs" : "", h.usedCpus(),
                h.cpus(), ReportText.percent(h.hugePageUse()), h.domains(),
                h.strandedCpus() > 0 ? ", " + h.strandedCpus() + " CPUs stranded" : "");
    }

    private static void legend(StringBuilder svg, int x, int y) {
        svg.append("<g id=\"legend\">\n");
        text(svg, x, y, 12, "normal", "CPUs used per NUMA node (a host is one square, a strip per node):");
        int rampX = x;
        for (int step = 0; step <= 10; step++) {
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"18\" height=\"12\" fill=\"%s\""
                    + " stroke=\"#9e9e9e\" stroke-width=\"0.4\"/>%n", rampX + step * 18, y + 8, colour(step / 10.0)));
        }
        text(svg, rampX, y + 34, 11, "normal", "0 %");
        text(svg, rampX + 11 * 18 - 32, y + 34, 11, "normal", "100 %");
        int keyX = x + 250;
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"24\" height=\"%d\" class=\"track\"/>"
                + "<rect x=\"%d\" y=\"%d\" width=\"16\" height=\"%d\" class=\"pages\"/>%n", keyX, y + 12, BAR, keyX,
                y + 12, BAR));
        text(svg, keyX + 32, y + 17, 12, "normal", "2 MiB pages used (bar under the square)");
        svg.append(gpuMark(keyX + 24, y + 28));
        text(svg, keyX + 32, y + 38, 12, "normal", "GPU host");
        svg.append(sriovMark(keyX + 124, y + 28));
        text(svg, keyX + 130, y + 38, 12, "normal", "SR-IOV host");
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"14\" height=\"14\" class=\"stranded\"/>%n",
                keyX + 4, y + 48));
        text(svg, keyX + 32, y + 60, 12, "normal", "cannot take the smallest flavour (s2): its free CPUs are stranded");
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"14\" height=\"14\" class=\"empty\"/>%n",
                keyX + 4, y + 68));
        text(svg, keyX + 32, y + 80, 12, "normal", "empty host (no domain)");
        svg.append("</g>\n");
    }

    private static void text(StringBuilder svg, int x, int y, int size, String weight, String content) {
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"%d\" font-weight=\"%s\""
                + " fill=\"#252525\">%s</text>%n", x, y, size, weight, escape(content)));
    }

    /** The ramp's colour for a share (0 to 1), interpolated between its stops. */
    static String colour(double share) {
        double s = Math.max(0, Math.min(1, share)) * (RAMP.length - 1);
        int i = Math.min(RAMP.length - 2, (int) s);
        double t = s - i;
        int rgb = 0;
        for (int shift = 16; shift >= 0; shift -= 8) {
            int a = (RAMP[i] >> shift) & 0xff;
            int b = (RAMP[i + 1] >> shift) & 0xff;
            rgb |= ((int) Math.round(a + (b - a) * t)) << shift;
        }
        return String.format(Locale.ROOT, "#%06x", rgb);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
