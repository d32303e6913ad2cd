package io.virtforge.host.sysfs;

import java.nio.charset.StandardCharsets;

/**
 * A network interface name, checked as the kernel's {@code dev_valid_name()} does: 1 to 15 bytes
 * ({@code IFNAMSIZ} - 1), not {@code .} or {@code ..}, and no {@code /}, {@code :}, whitespace or NUL.
 * Control characters are refused too.
 *
 * @param name the interface name, e.g. {@code enp59s0f0}
 */
public record NetInterfaceName(String name) implements PathSegment {
    private static final int IFNAMSIZ = 16;

    /** Checks the name. */
    public NetInterfaceName {
        if (name == null || name.isEmpty()) {
            throw new InvalidSysfsPathException(name, "an interface name cannot be empty");
        }
        if (name.getBytes(StandardCharsets.UTF_8).length >= IFNAMSIZ) {
            throw new InvalidSysfsPathException(name, "an interface name is at most " + (IFNAMSIZ - 1) + " bytes");
        }
        if (name.equals(".") || name.equals("..")) {
            throw new InvalidSysfsPathException(name, "an interface name cannot be '.' or '..'");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '/' || c == ':' || Character.isWhitespace(c) || Character.isISOControl(c)) {
                throw new InvalidSysfsPathException(name,
                        "an interface name cannot contain '/', ':', whitespace or control characters");
            }
        }
    }

    /** The interface of the given name. */
    public static NetInterfaceName of(String name) {
        return new NetInterfaceName(name);
    }

    @Override
    public String segment() {
        return name;
    }

    @Override
    public String toString() {
        return name;
    }
}
