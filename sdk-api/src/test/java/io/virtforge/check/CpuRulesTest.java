package io.virtforge.check;

import static io.virtforge.check.RuleFixtures.HOST;
import static io.virtforge.check.RuleFixtures.check;
import static io.virtforge.check.RuleFixtures.domain;
import static io.virtforge.check.RuleFixtures.idle;
import static io.virtforge.check.RuleFixtures.named;
import static io.virtforge.check.RuleFixtures.pins;
import static io.virtforge.check.RuleFixtures.single;
import static org.assertj.core.api.Assertions.assertThat;

import io.virtforge.model.Domain;
import io.virtforge.topology.HostState;
import io.virtforge.topology.HostTopology;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The host rules on CPUs. */
class CpuRulesTest {

    // PIN_CPU_MISSING

    @Test
    void pinCpuMissingAVcpuPinnedToACpuTheHostLacks() {
        Domain d = domain("<vcpu>2</vcpu><cputune>" + pins(1, 64) + "</cputune>");
        Finding f = single(check(CpuRules.PIN_CPU_MISSING, d, idle()), "PIN_CPU_MISSING", Severity.ERROR,
                "/domain/cputune/vcpupin[@vcpu='1']");
        assertThat(f.message()).contains("vCPU 1").contains("64").contains("0-63");
    }

    @Test
    void pinCpuMissingEmulatorAndIothreadPins() {
        Domain d = domain("<iothreads>1</iothreads><cputune><emulatorpin cpuset='0,70'/>"
                + "<iothreadpin iothread='1' cpuset='100-101'/></cputune>");
        List<Finding> found = check(CpuRules.PIN_CPU_MISSING, d, idle());
        assertThat(found).extracting(Finding::path).containsExactly("/domain/cputune/emulatorpin",
                "/domain/cputune/iothreadpin[@iothread='1']");
        assertThat(found.get(0).message()).contains("emulator").contains("70");
        assertThat(found.get(1).message()).contains("I/O thread 1").contains("100-101");
    }

    @Test
    void pinCpuMissingAnOfflineCpu() {
        HostTopology h = HOST.toBuilder().cpu(HOST.cpu(5).orElseThrow().withOnline(false)).build();
        Domain d = domain("<cputune>" + pins(5) + "</cputune>");
        Finding f = single(check(CpuRules.PIN_CPU_MISSING, d, HostState.of(h)), "PIN_CPU_MISSING", Severity.ERROR,
                "/domain/cputune/vcpupin[@vcpu='0']");
        assertThat(f.message()).contains("5").contains("offline");
    }

    @Test
    void pinCpuMissingAVcpuCpusetBeyondTheHost() {
        Domain d = domain("<vcpu cpuset='60-70'>2</vcpu>");
        Finding f = single(check(CpuRules.PIN_CPU_MISSING, d, idle()), "PIN_CPU_MISSING", Severity.ERROR,
                "/domain/vcpu");
        assertThat(f.message()).contains("64-70");
    }

    @Test
    void pinCpuMissingPinsOnHostCpusAreClean() {
        Domain d = domain("<vcpu cpuset='60-63'>3</vcpu><iothreads>1</iothreads><cputune>" + pins(1, 63)
                + "<emulatorpin cpuset='0'/><iothreadpin iothread='1' cpuset='32'/></cputune>");
        assertThat(check(CpuRules.PIN_CPU_MISSING, d, idle())).isEmpty();
        assertThat(check(CpuRules.PIN_CPU_MISSING, domain("<vcpu>2</vcpu>"), idle())).isEmpty();
    }

    // PIN_CPU_BUSY

    static HostState with(Domain... others) {
        return HostState.of(HOST, List.of(others));
    }

    @Test
    void pinCpuBusyADedicatedVcpuOnACpuAnotherDomainPins() {
        HostState s = with(named("other", "<vcpu>1</vcpu><cputune>" + pins(3) + "</cputune>"));
        Domain d = domain("<vcpu>2</vcpu><cputune>" + pins(2, 3) + "</cputune>");
        Finding f = single(check(CpuRules.PIN_CPU_BUSY, d, s), "PIN_CPU_BUSY", Severity.ERROR,
                "/domain/cputune/vcpupin[@vcpu='1']");
        assertThat(f.message()).contains("vCPU 1").contains("3").contains("other");
        assertThat(f.hint()).contains("0-2,4-63");
    }

    @Test
    void pinCpuBusyFreeCpusAreClean() {
        HostState s = with(named("other", "<vcpu>1</vcpu><cputune>" + pins(3) + "</cputune>"));
        assertThat(check(CpuRules.PIN_CPU_BUSY, domain("<vcpu>2</vcpu><cputune>" + pins(4, 5) + "</cputune>"), s))
                .isEmpty();
    }

    @Test
    void pinCpuBusyOnlyForDedicatedDomains() {
        HostState s = with(named("other", "<vcpu>1</vcpu><cputune>" + pins(3) + "</cputune>"));
        Domain shared = domain("<vcpu>2</vcpu><cputune><vcpupin vcpu='0' cpuset='2-3'/>"
                + "<vcpupin vcpu='1' cpuset='2-3'/></cputune>");
        assertThat(check(CpuRules.PIN_CPU_BUSY, shared, s)).isEmpty();
    }

    @Test
    void pinCpuBusyIgnoresTheDomainsOwnEntry() {
        Domain d = domain("<vcpu>2</vcpu><cputune>" + pins(2, 3) + "</cputune>");
        assertThat(check(CpuRules.PIN_CPU_BUSY, d, with(d))).isEmpty();
    }

    @Test
    void pinCpuBusyCountsAnotherDomainsVcpuCpuset() {
        HostState s = with(named("floating", "<vcpu cpuset='2-3'>2</vcpu>"));
        Domain d = domain("<vcpu>1</vcpu><cputune>" + pins(3) + "</cputune>");
        Finding f = single(check(CpuRules.PIN_CPU_BUSY, d, s), "PIN_CPU_BUSY", Severity.ERROR,
                "/domain/cputune/vcpupin[@vcpu='0']");
        assertThat(f.message()).contains("floating");
    }

    // EMULATOR_PIN_OVERLAP

    @Test
    void emulatorPinOverlapTheEmulatorOnAVcpusCpu() {
        Domain d = domain("<vcpu>2</vcpu><cputune>" + pins(2, 3) + "<emulatorpin cpuset='0-1,3'/></cputune>");
        Finding f = single(check(CpuRules.EMULATOR_PIN_OVERLAP, d, idle()), "EMULATOR_PIN_OVERLAP", Severity.WARNING,
                "/domain/cputune/emulatorpin");
        assertThat(f.message()).contains("3");
        assertThat(f.hint()).contains("2-3");
    }

    @Test
    void emulatorPinOverlapAnIothreadOnAVcpusCpu() {
        Domain d = domain("<vcpu>2</vcpu><iothreads>1</iothreads><cputune>" + pins(2, 3)
                + "<emulatorpin cpuset='0'/><iothreadpin iothread='1' cpuset='2'/></cputune>");
        Finding f = single(check(CpuRules.EMULATOR_PIN_OVERLAP, d, idle()), "EMULATOR_PIN_OVERLAP", Severity.WARNING,
                "/domain/cputune/iothreadpin[@iothread='1']");
        assertThat(f.message()).contains("I/O thread 1").contains("2");
    }

    @Test
    void emulatorPinOverlapHousekeepingCpusApartAreClean() {
        Domain d = domain("<vcpu>2</vcpu><iothreads>1</iothreads><cputune>" + pins(2, 3)
                + "<emulatorpin cpuset='0'/><iothreadpin iothread='1' cpuset='1'/></cputune>");
        assertThat(check(CpuRules.EMULATOR_PIN_OVERLAP, d, idle())).isEmpty();
        assertThat(check(CpuRules.EMULATOR_PIN_OVERLAP, domain("<cputune><emulatorpin cpuset='0'/></cputune>"), idle()))
                .as("no vCPU pins, nothing to overlap").isEmpty();
    }

    @Test
    void emulatorPinOverlapWithTheVcpuCpuset() {
        Domain d = domain("<vcpu cpuset='2-5'>2</vcpu><cputune><emulatorpin cpuset='4'/></cputune>");
        single(check(CpuRules.EMULATOR_PIN_OVERLAP, d, idle()), "EMULATOR_PIN_OVERLAP", Severity.WARNING,
                "/domain/cputune/emulatorpin");
    }

    // OVERCOMMIT (32 physical cores)

    static Domain vcpus(String name, int n, boolean dedicated) {
        String tune = dedicated ? "<cputune>" + pins(IntStream.range(0, n).toArray()) + "</cputune>" : "";
        return named(name, "<vcpu>" + n + "</vcpu>" + tune);
    }

    @Test
    void overcommitWarnsAboveOneToOne() {
        Finding f = single(check(CpuRules.OVERCOMMIT, vcpus("vm", 33, false), idle()), "OVERCOMMIT", Severity.WARNING,
                "/domain/vcpu");
        assertThat(f.message()).contains("33 vCPUs").contains("32 physical cores").contains("1.03:1");
    }

    @Test
    void overcommitOneToOneIsClean() {
        assertThat(check(CpuRules.OVERCOMMIT, vcpus("vm", 32, true), idle())).isEmpty();
        assertThat(check(CpuRules.OVERCOMMIT, vcpus("vm", 16, false), with(vcpus("other", 16, false)))).isEmpty();
    }

    @Test
    void overcommitCountsOtherDomains() {
        Finding f = single(check(CpuRules.OVERCOMMIT, vcpus("vm", 8, false), with(vcpus("other", 30, false))),
                "OVERCOMMIT", Severity.WARNING, "/domain/vcpu");
        assertThat(f.message()).contains("38 vCPUs");
    }

    @Test
    void overcommitAboveTwoToOneIsAnErrorOnlyForDedicatedDomains() {
        HostState busy = with(vcpus("other", 40, false));
        Finding dedicated = single(check(CpuRules.OVERCOMMIT, vcpus("vm", 30, true), busy), "OVERCOMMIT",
                Severity.ERROR, "/domain/vcpu");
        assertThat(dedicated.message()).contains("70 vCPUs").contains("2.19:1").contains("above 2:1");
        Finding floating = single(check(CpuRules.OVERCOMMIT, vcpus("vm", 30, false), busy), "OVERCOMMIT",
                Severity.WARNING, "/domain/vcpu");
        assertThat(floating.message()).contains("above 1:1");
        single(check(CpuRules.OVERCOMMIT, vcpus("vm", 24, true), busy), "OVERCOMMIT", Severity.WARNING,
                "/domain/vcpu");
    }

    @Test
    void overcommitThresholdsAreConfigurable() {
        ValidationOptions strict = new ValidationOptions(0.5, 1.0);
        Finding warn = single(check(CpuRules.OVERCOMMIT, vcpus("vm", 20, true), idle(), strict), "OVERCOMMIT",
                Severity.WARNING, "/domain/vcpu");
        assertThat(warn.message()).contains("0.63:1").contains("above 0.5:1");
        single(check(CpuRules.OVERCOMMIT, vcpus("vm", 40, true), idle(), strict), "OVERCOMMIT", Severity.ERROR,
                "/domain/vcpu");
        ValidationOptions loose = new ValidationOptions(4.0, 8.0);
        assertThat(check(CpuRules.OVERCOMMIT, vcpus("vm", 100, true), idle(), loose)).isEmpty();
    }

    @Test
    void overcommitDoesNotCountTheDomainTwiceWhenRechecked() {
        Domain d = vcpus("vm", 32, true);
        assertThat(check(CpuRules.OVERCOMMIT, d, with(d))).isEmpty();
    }

    @Test
    void overcommitSkipsAHostWithoutCpus() {
        HostState empty = HostState.of(HostTopology.builder().build());
        assertThat(check(CpuRules.OVERCOMMIT, vcpus("vm", 4, false), empty)).isEmpty();
    }
}
