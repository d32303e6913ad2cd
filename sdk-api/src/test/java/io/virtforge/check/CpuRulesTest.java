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

    // OVERCOMMIT per node: shared vCPUs over a node's shared pool (node 0: CPUs 0-15 and 32-47)

    private static String floating(int from, int count, String cpus) {
        StringBuilder sb = new StringBuilder();
        for (int v = from; v < from + count; v++) {
            sb.append("<vcpupin vcpu='").append(v).append("' cpuset='").append(cpus).append("'/>");
        }
        return sb.toString();
    }

    /** Another domain pinning 30 of node 0's CPUs 1:1 (0-15, 32-45): node 0's shared pool is 46-47. */
    private static HostState twoSharedCpusLeft() {
        int[] cpus = IntStream.concat(IntStream.range(0, 16), IntStream.range(32, 46)).toArray();
        return with(named("other", "<vcpu>30</vcpu><cputune>" + pins(cpus) + "</cputune>"));
    }

    private static List<Finding> onNodes(List<Finding> found) {
        return found.stream().filter(f -> f.path().equals("/domain/cputune")).toList();
    }

    @Test
    void sharedVcpusPastTheProfilesMaximumOnTheirNodeAreAnError() {
        Domain five = domain("<vcpu>5</vcpu><cputune>" + floating(0, 5, "46-47") + "</cputune>");
        Finding f = single(onNodes(check(CpuRules.OVERCOMMIT, five, twoSharedCpusLeft())), "OVERCOMMIT", Severity.ERROR,
                "/domain/cputune");
        assertThat(f.message()).contains("host node 0", "5 shared vCPUs over 2 shared CPU(s) (46-47)", "2.50:1",
                "above 2:1", "production");
        assertThat(f.hint()).contains("4 fit here");
        Domain four = domain("<vcpu>4</vcpu><cputune>" + floating(0, 4, "46-47") + "</cputune>");
        single(onNodes(check(CpuRules.OVERCOMMIT, four, twoSharedCpusLeft())), "OVERCOMMIT", Severity.WARNING,
                "/domain/cputune");
        Domain two = domain("<vcpu>2</vcpu><cputune>" + floating(0, 2, "46-47") + "</cputune>");
        assertThat(onNodes(check(CpuRules.OVERCOMMIT, two, twoSharedCpusLeft()))).isEmpty();
    }

    @Test
    void aLooserProfileAllowsMoreSharedVcpus() {
        Domain five = domain("<vcpu>5</vcpu><cputune>" + floating(0, 5, "46-47") + "</cputune>");
        assertThat(check(CpuRules.OVERCOMMIT, five, twoSharedCpusLeft(), ValidationOptions.of(OvercommitProfile.DEV_TEST)))
                .isEmpty();
        Domain seventeen = domain("<vcpu>17</vcpu><cputune>" + floating(0, 17, "46-47") + "</cputune>");
        single(onNodes(check(CpuRules.OVERCOMMIT, seventeen, twoSharedCpusLeft(),
                ValidationOptions.of(OvercommitProfile.DEV_TEST))), "OVERCOMMIT", Severity.ERROR, "/domain/cputune");
    }

    @Test
    void otherDomainsSharedVcpusLoadTheSamePool() {
        HostState state = HostState.of(HOST, List.of(twoSharedCpusLeft().domains().get(0),
                named("floater", "<vcpu>3</vcpu><cputune>" + floating(0, 3, "46-47") + "</cputune>")));
        Domain two = domain("<vcpu>2</vcpu><cputune>" + floating(0, 2, "46-47") + "</cputune>");
        Finding f = single(onNodes(check(CpuRules.OVERCOMMIT, two, state)), "OVERCOMMIT", Severity.ERROR, "/domain/cputune");
        assertThat(f.message()).contains("5 shared vCPUs");
        assertThat(onNodes(check(CpuRules.OVERCOMMIT, two, HostState.of(HOST, List.of(state.domains().get(0), two)))))
                .as("a domain checked again is not counted twice").isEmpty();
    }

    @Test
    void aMixedDomainsDedicatedVcpuLeavesItsOwnPool() {
        // pool 45-47 less the mixed domain's own dedicated CPU 45: its 4 shared vCPUs on 2 CPUs warn, 5 are an error
        HostState state = with(named("other", "<vcpu>29</vcpu><cputune>"
                + pins(IntStream.concat(IntStream.range(0, 16), IntStream.range(32, 45)).toArray()) + "</cputune>"));
        Domain four = domain("<vcpu>5</vcpu><cputune>" + pins(45) + floating(1, 4, "46-47") + "</cputune>");
        single(onNodes(check(CpuRules.OVERCOMMIT, four, state)), "OVERCOMMIT", Severity.WARNING, "/domain/cputune");
        Domain five = domain("<vcpu>6</vcpu><cputune>" + pins(45) + floating(1, 5, "46-47") + "</cputune>");
        single(onNodes(check(CpuRules.OVERCOMMIT, five, state)), "OVERCOMMIT", Severity.ERROR, "/domain/cputune");
    }

    @Test
    void aSharedVcpuOnANodeWithoutSharedCpusIsAnError() {
        int[] all = IntStream.concat(IntStream.range(0, 16), IntStream.range(32, 48)).toArray();
        HostState full = with(named("other", "<vcpu>32</vcpu><cputune>" + pins(all) + "</cputune>"));
        Domain one = domain("<vcpu>2</vcpu><cputune>" + floating(0, 2, "0-1") + "</cputune>");
        Finding f = single(onNodes(check(CpuRules.OVERCOMMIT, one, full)), "OVERCOMMIT", Severity.ERROR, "/domain/cputune");
        assertThat(f.message()).contains("over 0 shared CPU(s): overcommit without a CPU");
    }

    @Test
    void pastTheHostMaximumAMixedDomainIsAnErrorToo() {
        HostState busy = with(vcpus("other", 40, false));
        Domain mixed = domain("<vcpu>30</vcpu><cputune>" + pins(0) + floating(1, 29, "1-15") + "</cputune>");
        Finding f = single(check(CpuRules.OVERCOMMIT, mixed, busy), "OVERCOMMIT", Severity.ERROR, "/domain/vcpu");
        assertThat(f.message()).contains("70 vCPUs", "above 2:1", "overcommit profile production (1:1 to 2:1)");
    }
}
