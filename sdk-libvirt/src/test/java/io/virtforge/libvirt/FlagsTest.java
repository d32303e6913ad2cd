package io.virtforge.libvirt;

import static org.assertj.core.api.Assertions.assertThat;

import io.virtforge.connect.Scope;
import io.virtforge.connect.UndefineOption;
import io.virtforge.value.CpuSet;
import org.junit.jupiter.api.Test;

class FlagsTest {
    @Test
    void scopesAreLibvirtsAffectFlags() {
        assertThat(Flags.affect(Scope.LIVE)).isEqualTo(1);
        assertThat(Flags.affect(Scope.CONFIG)).isEqualTo(2);
        assertThat(Flags.affect(Scope.BOTH)).isEqualTo(3);
    }

    @Test
    void undefineOptionsAreLibvirtsUndefineFlags() {
        assertThat(Flags.undefine()).isZero();
        assertThat(Flags.undefine(UndefineOption.MANAGED_SAVE, UndefineOption.SNAPSHOTS_METADATA)).isEqualTo(3);
        assertThat(Flags.undefine(UndefineOption.NVRAM)).isEqualTo(4);
        assertThat(Flags.undefine(UndefineOption.KEEP_NVRAM)).isEqualTo(8);
    }

    @Test
    void cpuMapsSetBitNOfByteNOver8() {
        assertThat(DomainFlagCalls.cpuMap(CpuSet.of(0, 3, 9), 10)).containsExactly(0b1001, 0b10);
        assertThat(DomainFlagCalls.cpuMap(CpuSet.of(7), 8)).containsExactly((byte) 0x80);
        assertThat(DomainFlagCalls.unsignedBytes(new byte[] {(byte) 0x80, 1})).containsExactly(128, 1);
    }
}
