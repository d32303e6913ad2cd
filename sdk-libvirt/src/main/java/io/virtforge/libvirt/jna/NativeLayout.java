package io.virtforge.libvirt.jna;

import com.sun.jna.Native;
import com.sun.jna.Platform;

/**
 * Byte offsets of the libvirt C structs read or written here, computed once for the running platform
 * with the C rules (each field aligned to its own alignment, the struct padded to its largest).
 *
 * <p>Offsets are used instead of JNA {@code Structure} classes: no reflection, no auto read/write that
 * could write a Java-allocated string into memory libvirt will later {@code free()}, and all types stay
 * package-private.
 */
final class NativeLayout {
    static final int POINTER = Native.POINTER_SIZE;
    /** Alignment of {@code long long} and {@code double} inside a struct (4 on 32-bit x86 System V). */
    static final int ALIGN_8 = Platform.is64Bit() || !Platform.isIntel() || Platform.isWindows() ? 8 : 4;

    // typedef struct { char field[80]; int type; union { int i; ...; long long l; double d; char *s; } value; }
    static final int TP_TYPE;
    static final int TP_VALUE;
    static final int TP_SIZE;

    // struct _virError { int code; int domain; char *message; int level; virConnectPtr conn; virDomainPtr dom;
    //                    char *str1; char *str2; char *str3; int int1; int int2; virNetworkPtr net; }
    static final int ERR_CODE;
    static final int ERR_DOMAIN;
    static final int ERR_MESSAGE;
    static final int ERR_LEVEL;
    static final int ERR_SIZE;

    // struct _virDomainStatsRecord { virDomainPtr dom; virTypedParameterPtr params; int nparams; }
    static final int STATS_DOM;
    static final int STATS_PARAMS;
    static final int STATS_NPARAMS;

    // struct _virDomainIOThreadInfo { unsigned int iothread_id; unsigned char *cpumap; int cpumaplen; }
    static final int IOT_ID;
    static final int IOT_CPUMAP;
    static final int IOT_CPUMAPLEN;

    static {
        int unionAlign = Math.max(ALIGN_8, POINTER);
        Struct tp = new Struct();
        tp.field(LibvirtNative.TYPED_PARAM_FIELD_LENGTH, 1);
        TP_TYPE = tp.field(4, 4);
        TP_VALUE = tp.field(Math.max(8, POINTER), unionAlign);
        TP_SIZE = tp.size();

        Struct err = new Struct();
        ERR_CODE = err.field(4, 4);
        ERR_DOMAIN = err.field(4, 4);
        ERR_MESSAGE = err.pointer();
        ERR_LEVEL = err.field(4, 4);
        err.pointer(); // conn (deprecated, always NULL)
        err.pointer(); // dom (deprecated, always NULL)
        err.pointer(); // str1
        err.pointer(); // str2
        err.pointer(); // str3
        err.field(4, 4); // int1
        err.field(4, 4); // int2
        err.pointer(); // net (deprecated, always NULL)
        ERR_SIZE = err.size();

        Struct stats = new Struct();
        STATS_DOM = stats.pointer();
        STATS_PARAMS = stats.pointer();
        STATS_NPARAMS = stats.field(4, 4);

        Struct iot = new Struct();
        IOT_ID = iot.field(4, 4);
        IOT_CPUMAP = iot.pointer();
        IOT_CPUMAPLEN = iot.field(4, 4);
    }

    private NativeLayout() {
    }

    /** Sequential C struct layout calculator. */
    private static final class Struct {
        private int offset;
        private int maxAlign = 1;

        int field(int size, int align) {
            int at = align(offset, align);
            offset = at + size;
            maxAlign = Math.max(maxAlign, align);
            return at;
        }

        int pointer() {
            return field(POINTER, POINTER);
        }

        int size() {
            return align(offset, maxAlign);
        }

        private static int align(int value, int align) {
            return (value + align - 1) / align * align;
        }
    }
}
