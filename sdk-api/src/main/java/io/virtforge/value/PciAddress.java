package io.virtforge.value;

/**
 * A PCI function address: domain, bus, slot (device) and function. Parses the sysfs/lspci form
 * {@code 0000:3b:00.0} (or {@code 3b:00.0} in domain 0), libvirt's node device name
 * {@code pci_0000_3b_00_0} and the XML attribute form ({@code domain='0x0000' bus='0x3b' slot='0x00'
 * function='0x0'}, hex with {@code 0x}, else decimal, as libvirt reads them).
 *
 * @param domain   0 to 0x7FFFFFFF (usually 0; VMD and Hyper-V use domains above 0xFFFF)
 * @param bus      0 to 0xFF
 * @param slot     0 to 0x1F
 * @param function 0 to 7
 */
public record PciAddress(int domain, int bus, int slot, int function) implements Comparable<PciAddress> {
    private static final String KIND = "PCI address";

    /** Checks every part against its range. */
    public PciAddress {
        check("domain", domain, Integer.MAX_VALUE);
        check("bus", bus, 0xFF);
        check("slot", slot, 0x1F);
        check("function", function, 7);
    }

    private static void check(String part, int v, int max) {
        if (v < 0 || v > max) {
            throw new ValueFormatException(KIND, part + "=" + v, -1, part + " out of range 0-0x" + Integer.toHexString(max));
        }
    }

    /** Parses {@code DDDD:BB:SS.F} or {@code BB:SS.F} (hex digits, either case). */
    public static PciAddress parse(String text) {
        int dot = text.lastIndexOf('.');
        int c2 = text.lastIndexOf(':');
        int c1 = c2 > 0 ? text.lastIndexOf(':', c2 - 1) : -1;
        if (dot < 0 || c2 < 0 || dot < c2) {
            throw new ValueFormatException(KIND, text, -1, "expected DDDD:BB:SS.F");
        }
        int domain = c1 < 0 ? 0 : hex(text, 0, c1, 8);
        int bus = hex(text, c1 + 1, c2, 2);
        int slot = hex(text, c2 + 1, dot, 2);
        int function = hex(text, dot + 1, text.length(), 1);
        return checked(text, domain, bus, slot, function);
    }

    /**
     * The address in libvirt's node device name {@code pci_DDDD_BB_SS_F}; empty for any other name (a device that
     * is not PCI, such as {@code css_0_0_0023}, or another form).
     */
    public static java.util.Optional<PciAddress> ofNodeDeviceName(String name) {
        if (!name.startsWith("pci_")) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(fromNodeDeviceName(name));
        } catch (ValueFormatException e) {
            return java.util.Optional.empty();
        }
    }

    /** Parses libvirt's node device name, {@code pci_DDDD_BB_SS_F}. */
    public static PciAddress fromNodeDeviceName(String name) {
        String[] p = name.split("_", -1);
        if (p.length != 5 || !p[0].equals("pci")) {
            throw new ValueFormatException(KIND, name, -1, "expected pci_DDDD_BB_SS_F");
        }
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) == ':' || name.charAt(i) == '.') {
                throw new ValueFormatException(KIND, name, i, "expected pci_DDDD_BB_SS_F");
            }
        }
        try {
            // the same characters at the same places, 4 after the "pci_" prefix
            return parse(p[1] + ":" + p[2] + ":" + p[3] + "." + p[4]);
        } catch (ValueFormatException e) {
            throw new ValueFormatException(KIND, name, e.position() < 0 ? -1 : e.position() + 4, e.reason());
        }
    }

    /** Reads the four XML attribute values (absent parts are 0, as in libvirt). */
    public static PciAddress fromXml(String domain, String bus, String slot, String function) {
        String whole = "domain='" + domain + "' bus='" + bus + "' slot='" + slot + "' function='" + function + "'";
        return checked(whole, xmlNumber(domain, whole), xmlNumber(bus, whole), xmlNumber(slot, whole),
                xmlNumber(function, whole));
    }

    private static PciAddress checked(String text, int domain, int bus, int slot, int function) {
        try {
            return new PciAddress(domain, bus, slot, function);
        } catch (ValueFormatException e) {
            throw new ValueFormatException(KIND, text, -1, e.reason());
        }
    }

    /** libvirt reads these with base 0: {@code 0x} hex, a leading 0 octal, else decimal. */
    static int xmlNumber(String s, String whole) {
        if (s == null || s.isEmpty()) {
            return 0;
        }
        int radix = 10;
        int from = 0;
        if (s.startsWith("0x") || s.startsWith("0X")) {
            radix = 16;
            from = 2;
        } else if (s.length() > 1 && s.charAt(0) == '0') {
            radix = 8;
            from = 1;
        }
        long v = 0;
        if (from == s.length()) {
            throw new ValueFormatException(KIND, whole, -1, "'" + s + "' is not a number");
        }
        for (int i = from; i < s.length(); i++) {
            int d = digit(s.charAt(i), radix);
            if (d < 0) {
                throw new ValueFormatException(KIND, whole, -1, "'" + s + "' is not a number");
            }
            v = v * radix + d;
            if (v > Integer.MAX_VALUE) { // larger than any part's range: reject, never clamp
                throw new ValueFormatException(KIND, whole, -1, "'" + s + "' is too large");
            }
        }
        return (int) v;
    }

    private static int hex(String s, int from, int to, int maxDigits) {
        if (from >= to) {
            throw new ValueFormatException(KIND, s, Math.max(from, 0), "expected 1 to " + maxDigits + " hex digits");
        }
        long v = 0;
        for (int i = from; i < to; i++) {
            int d = digit(s.charAt(i), 16);
            if (d < 0) {
                throw new ValueFormatException(KIND, s, i, "expected a hex digit");
            }
            if (i - from == maxDigits) {
                throw new ValueFormatException(KIND, s, i, "expected 1 to " + maxDigits + " hex digits");
            }
            v = v * 16 + d;
        }
        if (v > Integer.MAX_VALUE) {
            throw new ValueFormatException(KIND, s, from, "larger than 0x7fffffff");
        }
        return (int) v;
    }

    /** The value of an ASCII digit in {@code radix} (at most 16), or -1: no other script's digits. */
    static int digit(char c, int radix) {
        int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
        return d < radix ? d : -1;
    }

    /** The sysfs form, {@code 0000:3b:00.0}. */
    public String format() {
        return String.format("%04x:%02x:%02x.%x", domain, bus, slot, function);
    }

    /** libvirt's node device name, {@code pci_0000_3b_00_0}. */
    public String nodeDeviceName() {
        return String.format("pci_%04x_%02x_%02x_%x", domain, bus, slot, function);
    }

    /** The {@code domain} attribute as libvirt writes it, {@code 0x0000}. */
    public String xmlDomain() {
        return String.format("0x%04x", domain);
    }

    /** The {@code bus} attribute as libvirt writes it, {@code 0x3b}. */
    public String xmlBus() {
        return String.format("0x%02x", bus);
    }

    /** The {@code slot} attribute as libvirt writes it, {@code 0x00}. */
    public String xmlSlot() {
        return String.format("0x%02x", slot);
    }

    /** The {@code function} attribute as libvirt writes it, {@code 0x0}. */
    public String xmlFunction() {
        return "0x" + Integer.toHexString(function);
    }

    @Override
    public String toString() {
        return format();
    }

    @Override
    public int compareTo(PciAddress o) {
        int c = Integer.compare(domain, o.domain);
        c = c != 0 ? c : Integer.compare(bus, o.bus);
        c = c != 0 ? c : Integer.compare(slot, o.slot);
        return c != 0 ? c : Integer.compare(function, o.function);
    }
}
