package io.virtforge.fake.kernel.fs;

import io.virtforge.host.sysfs.Errno;

/** How the kernel reads numbers and words out of a write: {@code kstrto*()}, {@code sysfs_streq()}, {@code kstrtobool()}. */
public final class KernelText {
    private KernelText() {
    }

    /** The value without one trailing newline, as {@code sysfs_streq()} and {@code kstrto*()} accept. */
    public static String stripNewline(String value) {
        return value.endsWith("\n") ? value.substring(0, value.length() - 1) : value;
    }

    /**
     * {@code kstrtoull()}: an optional {@code +}, digits in {@code base} (0 means C rules: {@code 0x} hex,
     * a leading {@code 0} octal, else decimal), one optional trailing newline, nothing else.
     *
     * @throws KernelError {@link Errno#EINVAL} for anything else, {@link Errno#ERANGE} above {@code max}
     */
    public static long parseUnsigned(String value, int base, long max) {
        String s = stripNewline(value);
        if (s.startsWith("+")) {
            s = s.substring(1);
        }
        int radix = base;
        if (base == 0) {
            if (s.length() > 1 && s.charAt(0) == '0' && (s.charAt(1) == 'x' || s.charAt(1) == 'X')) {
                radix = 16;
                s = s.substring(2);
            } else if (s.length() > 1 && s.charAt(0) == '0') {
                radix = 8;
                s = s.substring(1);
            } else {
                radix = 10;
            }
        }
        if (s.isEmpty()) {
            throw new KernelError(Errno.EINVAL, "not a number: '" + value + "'");
        }
        long v = 0;
        for (int i = 0; i < s.length(); i++) {
            int d = Character.digit(s.charAt(i), radix);
            if (d < 0) {
                throw new KernelError(Errno.EINVAL, "not a number: '" + value + "'");
            }
            if (v > (max - d) / radix) {
                throw new KernelError(Errno.ERANGE, "out of range: '" + value + "'");
            }
            v = v * radix + d;
        }
        return v;
    }

    /** {@code kstrtobool()}: {@code 1 y Y t T on} are true, {@code 0 n N f F off} false. */
    public static boolean parseBool(String value) {
        String s = stripNewline(value);
        if (!s.isEmpty()) {
            switch (Character.toLowerCase(s.charAt(0))) {
                case '1', 'y', 't':
                    return true;
                case '0', 'n', 'f':
                    return false;
                case 'o':
                    if (s.length() > 1 && Character.toLowerCase(s.charAt(1)) == 'n') {
                        return true;
                    }
                    if (s.length() > 1 && Character.toLowerCase(s.charAt(1)) == 'f') {
                        return false;
                    }
                    break;
                default:
                    break;
            }
        }
        throw new KernelError(Errno.EINVAL, "not a boolean: '" + value + "'");
    }
}
