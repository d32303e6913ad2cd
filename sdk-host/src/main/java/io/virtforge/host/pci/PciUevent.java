package io.virtforge.host.pci;

import io.virtforge.host.sysfs.KernelValues;
import java.util.Optional;

/**
 * What a PCI function's {@code uevent} file says of it: {@code PCI_ID=vvvv:dddd}, {@code PCI_CLASS=ccccc}
 * and, while a driver is bound, {@code DRIVER=name}. The kernel composes the file on each read from the
 * same fields as the {@code vendor}, {@code device} and {@code class} files and the {@code driver} link, so
 * one read stands for three reads and a readlink.
 *
 * @param vendorId the vendor id
 * @param deviceId the device id
 * @param classCode the 24-bit class code
 * @param driver the bound driver, empty when none is
 */
record PciUevent(int vendorId, int deviceId, int classCode, Optional<String> driver) {

    /** The fields of a {@code uevent} text; empty unless it has a well-formed {@code PCI_ID} and {@code PCI_CLASS}. */
    static Optional<PciUevent> parse(String text) {
        int vendor = -1;
        int device = -1;
        int classCode = -1;
        String driver = null;
        for (int start = 0, end; start < text.length(); start = end + 1) {
            end = text.indexOf('\n', start);
            if (end < 0) {
                end = text.length();
            }
            int eq = text.indexOf('=', start);
            if (eq < 0 || eq > end) {
                continue;
            }
            String value = text.substring(eq + 1, end).strip();
            switch (text.substring(start, eq)) {
                case "PCI_ID" -> {
                    int colon = value.indexOf(':');
                    if (colon > 0) {
                        vendor = KernelValues.hex(value.substring(0, colon));
                        device = KernelValues.hex(value.substring(colon + 1));
                    }
                }
                case "PCI_CLASS" -> classCode = KernelValues.hex(value);
                case "DRIVER" -> driver = value.isEmpty() ? null : value;
                default -> {
                    // PCI_SUBSYS_ID, PCI_SLOT_NAME, MODALIAS: not needed
                }
            }
        }
        if (vendor < 0 || device < 0 || classCode < 0) {
            return Optional.empty();
        }
        return Optional.of(new PciUevent(vendor, device, classCode, Optional.ofNullable(driver)));
    }
}
