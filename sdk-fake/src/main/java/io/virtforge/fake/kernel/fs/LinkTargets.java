package io.virtforge.fake.kernel.fs;

import io.virtforge.host.sysfs.SysfsPath;
import java.util.List;

/** Relative link targets, written the way sysfs writes them: {@code ../../../bus/pci/drivers/vfio-pci}. */
final class LinkTargets {
    private LinkTargets() {
    }

    /**
     * The relative target that makes a link at {@code link} point to {@code target}, as the kernel's
     * {@code kernfs_get_target_path()} writes it: up to the deepest common ancestor of the link's folder and
     * the target's parent, then down, so a link to an ancestor names it ({@code ../../../0000:3b:00.0}).
     */
    static String relative(SysfsPath link, SysfsPath target) {
        List<String> from = link.parent().segments();
        List<String> to = target.segments();
        int common = 0;
        while (common < from.size() && common < to.size() - 1 && from.get(common).equals(to.get(common))) {
            common++;
        }
        StringBuilder b = new StringBuilder();
        for (int i = common; i < from.size(); i++) {
            b.append("../");
        }
        b.append(String.join("/", to.subList(common, to.size())));
        if (b.length() > 0 && b.charAt(b.length() - 1) == '/') {
            b.setLength(b.length() - 1);
        }
        return b.length() == 0 ? "." : b.toString();
    }
}
