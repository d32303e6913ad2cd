package io.virtforge.libvirt.jna;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.DoubleByReference;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;

/**
 * libvirt functions the tests need beyond the production bindings: the public typed-parameter helpers
 * (to check the {@code virTypedParameter} layout against libvirt itself) and {@code virDomainAddIOThread}
 * (libvirt-java 0.5.4 lacks it; the test driver reports IOThread statistics only for threads added live).
 */
final class TestNatives {
    static {
        Native.register(TestNatives.class, NativeLibrary.getInstance("virt"));
    }

    private TestNatives() {
    }

    static native int virDomainAddIOThread(Pointer dom, int iothreadId, int flags);

    static native int virTypedParamsAddInt(PointerByReference params, IntByReference n, IntByReference max,
            String name, int value);

    static native int virTypedParamsAddUInt(PointerByReference params, IntByReference n, IntByReference max,
            String name, int value);

    static native int virTypedParamsAddLLong(PointerByReference params, IntByReference n, IntByReference max,
            String name, long value);

    static native int virTypedParamsAddULLong(PointerByReference params, IntByReference n, IntByReference max,
            String name, long value);

    static native int virTypedParamsAddDouble(PointerByReference params, IntByReference n, IntByReference max,
            String name, double value);

    static native int virTypedParamsAddBoolean(PointerByReference params, IntByReference n, IntByReference max,
            String name, int value);

    static native int virTypedParamsAddString(PointerByReference params, IntByReference n, IntByReference max,
            String name, String value);

    static native int virTypedParamsGetInt(Pointer params, int n, String name, IntByReference value);

    static native int virTypedParamsGetUInt(Pointer params, int n, String name, IntByReference value);

    static native int virTypedParamsGetLLong(Pointer params, int n, String name, LongByReference value);

    static native int virTypedParamsGetULLong(Pointer params, int n, String name, LongByReference value);

    static native int virTypedParamsGetDouble(Pointer params, int n, String name, DoubleByReference value);

    static native int virTypedParamsGetBoolean(Pointer params, int n, String name, IntByReference value);

    static native int virTypedParamsGetString(Pointer params, int n, String name, PointerByReference value);
}
