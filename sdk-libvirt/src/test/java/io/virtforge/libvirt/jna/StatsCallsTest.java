package io.virtforge.libvirt.jna;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.libvirt.Domain;

class StatsCallsTest extends OnTestDriver {
    private static final int VIR_DOMAIN_RUNNING = 1;
    private static final int VIR_DOMAIN_SHUTOFF = 5;


    @Test
    void stateOfTheDefaultDomain() {
        // virsh domstats --state: "state.state=1", "state.reason=0"
        List<DomainStatsRecord> stats = NativeLibvirt.allDomainStats(conn, NativeFlags.STATS_STATE, 0);
        assertThat(stats).hasSize(1);
        assertThat(stats.get(0).domainName()).isEqualTo("test");
        assertThat(stats.get(0).parameters())
                .containsExactly(entry("state.state", VIR_DOMAIN_RUNNING), entry("state.reason", 0));
    }

    @Test
    void everySupportedGroupWhenNoneIsNamed() {
        List<DomainStatsRecord> stats = NativeLibvirt.allDomainStats(conn, 0, 0);
        assertThat(stats).extracting(DomainStatsRecord::domainName).containsExactly("test");
        assertThat(stats.get(0).parameters()).containsEntry("state.state", VIR_DOMAIN_RUNNING);
    }

    @Test
    void iothreadStatisticsAreTyped() throws Exception {
        // the test driver reports IOThread statistics only for threads added to the running domain
        Domain iot = driver.startWithIOThreads("iot", 0);
        TestDriver.addIOThread(iot, 3);
        TestDriver.addIOThread(iot, 5);
        List<DomainStatsRecord> stats = NativeLibvirt.allDomainStats(conn,
                NativeFlags.STATS_STATE | NativeFlags.STATS_IOTHREAD, NativeFlags.GET_ALL_DOMAINS_STATS_ACTIVE);
        assertThat(stats).extracting(DomainStatsRecord::domainName).containsExactlyInAnyOrder("test", "iot");
        DomainStatsRecord record = stats.stream().filter(r -> r.domainName().equals("iot")).findFirst().orElseThrow();
        // as virsh domstats --iothread prints after iothreadadd: count, then poll-max-ns=32768, grow, shrink
        assertThat(record.parameters()).containsExactly(
                entry("state.state", VIR_DOMAIN_RUNNING), entry("state.reason", 1), // int: Integer
                entry("iothread.count", 2L), // uint: Long
                entry("iothread.3.poll-max-ns", 32768L), // ullong: Long
                entry("iothread.3.poll-grow", 0L), // uint: Long
                entry("iothread.3.poll-shrink", 0L),
                entry("iothread.5.poll-max-ns", 32768L),
                entry("iothread.5.poll-grow", 0L),
                entry("iothread.5.poll-shrink", 0L));
    }

    @Test
    void inactiveDomainsAreSelectedByFlag() throws Exception {
        driver.define("off", "");
        List<DomainStatsRecord> stats = NativeLibvirt.allDomainStats(conn, NativeFlags.STATS_STATE,
                NativeFlags.GET_ALL_DOMAINS_STATS_INACTIVE);
        assertThat(stats).hasSize(1);
        assertThat(stats.get(0).domainName()).isEqualTo("off");
        assertThat(stats.get(0).parameters()).containsEntry("state.state", VIR_DOMAIN_SHUTOFF);
    }

    @Test
    void theRecordsAreImmutable() {
        DomainStatsRecord record = NativeLibvirt.allDomainStats(conn, NativeFlags.STATS_STATE, 0).get(0);
        assertThatThrownBy(() -> record.parameters().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void enforcingAGroupTheTestDriverLacksFails() {
        assertThatThrownBy(() -> NativeLibvirt.allDomainStats(conn, NativeFlags.STATS_BLOCK,
                NativeFlags.GET_ALL_DOMAINS_STATS_ENFORCE_STATS))
                .isInstanceOfSatisfying(NativeLibvirtException.class, e -> {
                    assertThat(e.function()).isEqualTo("virConnectGetAllDomainStats");
                    assertThat(e.code()).isEqualTo(NativeLibvirtException.VIR_ERR_ARGUMENT_UNSUPPORTED);
                });
    }

    private static java.util.Map.Entry<String, Object> entry(String key, Object value) {
        return java.util.Map.entry(key, value);
    }
}
