package io.virtforge.libvirt.jna;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.DoubleByReference;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checks the {@code virTypedParameter} layout both ways against libvirt's own typed-parameter helpers:
 * arrays built by libvirt are decoded here, arrays encoded here are read by libvirt.
 */
class TypedParamsTest {
    @BeforeAll
    static void libvirtLoads() {
        assumeThat(NativeLibvirt.isAvailable())
                .as("libvirt C library cannot be loaded: %s", NativeLibvirt.unavailableReason().orElse(""))
                .isTrue();
    }

    @Test
    void decodesAnArrayLibvirtBuilt() {
        PointerByReference params = new PointerByReference();
        IntByReference n = new IntByReference();
        IntByReference max = new IntByReference();
        assertThat(TestNatives.virTypedParamsAddInt(params, n, max, "i", -7)).isZero();
        assertThat(TestNatives.virTypedParamsAddUInt(params, n, max, "ui", 0xFFFF_FFFE)).isZero();
        assertThat(TestNatives.virTypedParamsAddLLong(params, n, max, "l", Long.MIN_VALUE)).isZero();
        assertThat(TestNatives.virTypedParamsAddULLong(params, n, max, "ul", -1L)).isZero();
        assertThat(TestNatives.virTypedParamsAddDouble(params, n, max, "d", 2.5)).isZero();
        assertThat(TestNatives.virTypedParamsAddBoolean(params, n, max, "b", 1)).isZero();
        assertThat(TestNatives.virTypedParamsAddString(params, n, max, "s", "nodes 0-1 \u00e9")).isZero();
        try {
            Map<String, Object> decoded = TypedParams.decode(params.getValue(), n.getValue());
            assertThat(decoded).containsExactly(
                    Map.entry("i", -7),
                    Map.entry("ui", 0xFFFF_FFFEL),
                    Map.entry("l", Long.MIN_VALUE),
                    Map.entry("ul", -1L), // 2^64-1 as a bit pattern
                    Map.entry("d", 2.5),
                    Map.entry("b", true),
                    Map.entry("s", "nodes 0-1 \u00e9"));
        } finally {
            LibvirtNative.virTypedParamsFree(params.getValue(), n.getValue()); // libvirt-allocated: libvirt frees
        }
    }

    @Test
    void libvirtReadsAnArrayEncodedHere() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("i", -7);
        values.put("ui", 4_000_000_000L);
        values.put("l", Long.MAX_VALUE);
        values.put("ul", -2L);
        values.put("d", 0.125);
        values.put("b", true);
        values.put("s", "interleave");
        Map<String, TypedParamType> schema = Map.of("ui", TypedParamType.UINT, "ul", TypedParamType.ULLONG);
        try (TypedParams.Encoded enc = TypedParams.encode(values, schema)) {
            Pointer p = enc.pointer();
            int n = enc.count();
            IntByReference i = new IntByReference();
            LongByReference l = new LongByReference();
            DoubleByReference d = new DoubleByReference();
            PointerByReference s = new PointerByReference();
            assertThat(TestNatives.virTypedParamsGetInt(p, n, "i", i)).isEqualTo(1);
            assertThat(i.getValue()).isEqualTo(-7);
            assertThat(TestNatives.virTypedParamsGetUInt(p, n, "ui", i)).isEqualTo(1);
            assertThat(Integer.toUnsignedLong(i.getValue())).isEqualTo(4_000_000_000L);
            assertThat(TestNatives.virTypedParamsGetLLong(p, n, "l", l)).isEqualTo(1);
            assertThat(l.getValue()).isEqualTo(Long.MAX_VALUE);
            assertThat(TestNatives.virTypedParamsGetULLong(p, n, "ul", l)).isEqualTo(1);
            assertThat(l.getValue()).isEqualTo(-2L);
            assertThat(TestNatives.virTypedParamsGetDouble(p, n, "d", d)).isEqualTo(1);
            assertThat(d.getValue()).isEqualTo(0.125);
            assertThat(TestNatives.virTypedParamsGetBoolean(p, n, "b", i)).isEqualTo(1);
            assertThat(i.getValue()).isEqualTo(1);
            assertThat(TestNatives.virTypedParamsGetString(p, n, "s", s)).isEqualTo(1);
            assertThat(s.getValue().getString(0)).isEqualTo("interleave");
            // a type mismatch is refused by libvirt: the type tags are where libvirt expects them
            assertThat(TestNatives.virTypedParamsGetInt(p, n, "l", i)).isEqualTo(-1);
            assertThat(TypedParams.decode(p, n)).containsEntry("ui", 4_000_000_000L).containsEntry("s", "interleave");
        }
    }

    @Test
    void encodingChecksNamesAndRanges() {
        assertThatThrownBy(() -> TypedParams.encode(Map.of("x".repeat(80), 1), Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("too long");
        assertThatThrownBy(() -> TypedParams.encode(Map.of("n", 1L << 40), Map.of("n", TypedParamType.INT)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("out of range");
        assertThatThrownBy(() -> TypedParams.encode(Map.of("n", -1), Map.of("n", TypedParamType.UINT)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("out of range");
        assertThatThrownBy(() -> TypedParams.encode(Map.of("n", 1.5), Map.of("n", TypedParamType.LLONG)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("integer");
        assertThatThrownBy(() -> TypedParams.encode(Map.of("n", new Object()), Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void layoutMatchesTheCHeaderOn64BitLinux() {
        assumeThat(Native.POINTER_SIZE).isEqualTo(8);
        assertThat(NativeLayout.TP_TYPE).isEqualTo(80);
        assertThat(NativeLayout.TP_VALUE).isEqualTo(88);
        assertThat(NativeLayout.TP_SIZE).isEqualTo(96);
        assertThat(NativeLayout.ERR_SIZE).isEqualTo(80);
        assertThat(NativeLayout.ERR_LEVEL).isEqualTo(16);
        assertThat(NativeLayout.STATS_NPARAMS).isEqualTo(16);
        assertThat(NativeLayout.IOT_CPUMAP).isEqualTo(8);
        assertThat(NativeLayout.IOT_CPUMAPLEN).isEqualTo(16);
    }
}
