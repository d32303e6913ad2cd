package io.virtforge.check;

import static io.virtforge.check.RuleFixtures.HOST;
import static io.virtforge.check.RuleFixtures.domain;
import static io.virtforge.check.RuleFixtures.idle;
import static io.virtforge.check.RuleFixtures.pins;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.virtforge.model.Domain;
import io.virtforge.testing.Corpus;
import io.virtforge.topology.HostState;
import io.virtforge.model.DomainXml;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Validator, Profile, Report and Finding. */
class ValidatorTest {
    static final Set<String> STANDARD_CODES = Set.of("VCPU_CELLS", "CELL_MEMORY", "PIN_VCPU_MISSING",
            "IOTHREAD_UNDEFINED", "DISK_IOTHREAD_BUS", "TOPOLOGY_MISMATCH", "HUGEPAGE_NODESET", "MEMNODE_CELL_MISSING",
            "DUPLICATE_DISK_TARGET", "DUPLICATE_GUEST_ADDRESS", "DUPLICATE_HOSTDEV", "PIN_CPU_MISSING", "PIN_CPU_BUSY",
            "EMULATOR_PIN_OVERLAP", "OVERCOMMIT", "NUMA_CROSSING", "NODESET_MISSING", "NUMA_UNBOUND",
            "NESTED_UNAVAILABLE", "MDEV_MISSING", "MDEV_TYPE_UNAVAILABLE", "MDEV_NUMA_REMOTE",
            "HUGEPAGE_SIZE_UNSUPPORTED", "HUGEPAGES_INSUFFICIENT", "MEMORY_INSUFFICIENT", "DEVICE_MISSING",
            "DEVICE_BUSY", "IOMMU_GROUP_NOT_VIABLE", "DEVICE_NUMA_REMOTE", "VF_MISSING", "IOTUNE_TOTAL_WITH_SPLIT",
            "IOTUNE_BURST", "BLKIO_HOST_CACHE", "BANDWIDTH_RATES", "BANDWIDTH_FLOOR", "CPU_BANDWIDTH_RANGE",
            "MEMTUNE_LIMITS", "MEMORY_LOCKED_LIMIT");
    static final Set<String> CHECKLIST_CODES = Set.of("NO_PINNING", "EMULATOR_NOT_ISOLATED", "CPU_MODE",
            "NO_HUGEPAGES", "MEMORY_NOT_LOCKED", "BALLOON_WITH_HUGEPAGES", "DISK_CACHE", "NO_DISCARD", "NO_IOTHREAD",
            "NET_NO_VHOST", "NET_QUEUES", "GUEST_CELL_SPANS_NODES");

    static Set<String> codes(Profile p) {
        Set<String> s = new TreeSet<>();
        p.rules().forEach(r -> s.add(r.code()));
        return s;
    }

    @Test
    void theProfilesHoldEveryRuleOnce() {
        assertThat(codes(Profile.STANDARD)).isEqualTo(new TreeSet<>(STANDARD_CODES));
        assertThat(Profile.STANDARD.rules()).hasSize(STANDARD_CODES.size());
        Set<String> all = new TreeSet<>(STANDARD_CODES);
        all.addAll(CHECKLIST_CODES);
        assertThat(codes(Profile.LATENCY_SENSITIVE)).isEqualTo(all);
        assertThat(Profile.LATENCY_SENSITIVE.rules()).hasSize(all.size());
        assertThat(Profile.forName("standard")).isSameAs(Profile.STANDARD);
        assertThat(Profile.forName("latency-sensitive")).isSameAs(Profile.LATENCY_SENSITIVE);
        assertThat(Profile.LATENCY_SENSITIVE.name()).isEqualTo("latency-sensitive");
        assertThatThrownBy(() -> Profile.forName("fast")).isInstanceOf(IllegalArgumentException.class);
        for (Rule r : ChecklistRules.ALL) {
            assertThat(r.severity()).isEqualTo(Severity.WARNING);
            assertThat(r.needsHost()).isFalse();
        }
    }

    /** Pinned to a CPU the host lacks (an error), unpinned emulator (a warning in LATENCY_SENSITIVE). */
    static Domain broken() {
        return domain("<vcpu>2</vcpu><cputune>" + pins(2, 99) + "</cputune><cpu mode='host-passthrough'/>");
    }

    @Test
    void errorsComeFirst() {
        Report r = Validator.latencySensitive().validate(broken(), idle());
        assertThat(r.findings()).isNotEmpty();
        assertThat(r.hasErrors()).isTrue();
        assertThat(r.findings().get(0).severity()).isEqualTo(Severity.ERROR);
        List<Severity> order = r.findings().stream().map(Finding::severity).toList();
        List<Severity> sorted = new ArrayList<>(order);
        sorted.sort(null);
        assertThat(order).isEqualTo(sorted);
        assertThat(r.errors()).extracting(Finding::code).contains("PIN_CPU_MISSING");
        assertThat(r.warnings()).extracting(Finding::code).contains("EMULATOR_NOT_ISOLATED", "NO_HUGEPAGES");
        Finding info = new Finding("X", Severity.INFO, "/domain", "m", "");
        Finding err = new Finding("Y", Severity.ERROR, "/domain", "m", "");
        assertThat(Report.of(List.of(info, err)).findings()).containsExactly(err, info);
        assertThat(Report.of(List.of(info)).and(Report.of(List.of(err))).findings()).containsExactly(err, info);
        assertThat(Report.empty().isClean()).isTrue();
        assertThat(Report.empty().hasErrors()).isFalse();
        assertThat(Report.of(List.of(info)).hasErrors()).isFalse();
    }

    @Test
    void theJsonHasTheDocumentedShape() {
        Report r = Validator.latencySensitive().validate(broken(), idle());
        Object parsed = new MiniJson(r.toJson()).parse();
        assertThat(parsed).isInstanceOf(Map.class);
        Map<?, ?> root = (Map<?, ?>) parsed;
        assertThat(new ArrayList<Object>(root.keySet())).containsExactly("findings");
        List<?> findings = (List<?>) root.get("findings");
        assertThat(findings).hasSameSizeAs(r.findings());
        for (int i = 0; i < findings.size(); i++) {
            Map<?, ?> f = (Map<?, ?>) findings.get(i);
            assertThat(new ArrayList<Object>(f.keySet())).containsExactly("code", "severity", "path", "message", "hint");
            Finding expected = r.findings().get(i);
            assertThat(f.get("code")).isEqualTo(expected.code());
            assertThat(f.get("severity")).isEqualTo(expected.severity().name());
            assertThat(f.get("path")).isEqualTo(expected.path());
            assertThat(f.get("message")).isEqualTo(expected.message());
            assertThat(f.get("hint")).isEqualTo(expected.hint());
        }
        assertThat(new MiniJson(Report.empty().toJson()).parse()).isEqualTo(Map.of("findings", List.of()));
    }

    @Test
    void theJsonEscapesQuotesAndNewlines() {
        Finding f = new Finding("C", Severity.WARNING, "/domain/devices/disk[@x='1']", "say \"hi\"\nthen \\ go", "");
        String json = Report.of(List.of(f)).toJson();
        Map<?, ?> back = (Map<?, ?>) ((List<?>) ((Map<?, ?>) new MiniJson(json).parse()).get("findings")).get(0);
        assertThat(back.get("message")).isEqualTo("say \"hi\"\nthen \\ go");
        assertThat(back.get("path")).isEqualTo("/domain/devices/disk[@x='1']");
    }

    @Test
    void theTextNamesEveryFindingAndCounts() {
        Report r = Validator.latencySensitive().validate(broken(), idle());
        String text = r.toText();
        assertThat(text).contains("ERROR PIN_CPU_MISSING").contains("/domain/cputune/vcpupin[@vcpu='1']")
                .contains(r.errors().size() + " error(s), " + r.warnings().size() + " warning(s), 0 note(s)");
        assertThat(r.findings().get(0).toString()).startsWith("ERROR ");
        DomainValidationException e = new DomainValidationException("vm", r);
        assertThat(e.getMessage()).contains("domain 'vm' has " + r.errors().size() + " error(s)");
        assertThat(e.report()).isSameAs(r);
    }

    @Test
    void profileWithSeverityOverridesEvenRulesThatChooseTheirOwn() {
        Domain d = domain("<vcpu>33</vcpu>");
        assertThat(Validator.standard().validate(d, idle()).findings("OVERCOMMIT"))
                .singleElement().extracting(Finding::severity).isEqualTo(Severity.WARNING);
        Profile p = Profile.STANDARD.withSeverity("OVERCOMMIT", Severity.INFO).withSeverity("NUMA_CROSSING",
                Severity.WARNING);
        assertThat(p.severityOf(CpuRules.OVERCOMMIT)).isEqualTo(Severity.INFO);
        assertThat(p.overrides(CpuRules.OVERCOMMIT)).isTrue();
        assertThat(p.overrides(CpuRules.PIN_CPU_BUSY)).isFalse();
        assertThat(Validator.of(p, ValidationOptions.DEFAULT).validate(d, idle()).findings("OVERCOMMIT"))
                .singleElement().extracting(Finding::severity).isEqualTo(Severity.INFO);
        Domain dedicated = domain("<vcpu>70</vcpu><cputune>" + pins(java.util.stream.IntStream.range(0, 64).toArray())
                + "</cputune>");
        assertThat(Validator.of(p, ValidationOptions.DEFAULT).validate(dedicated, idle()).findings("OVERCOMMIT"))
                .extracting(Finding::severity).containsOnly(Severity.INFO);
        Domain crossing = domain("<vcpu>2</vcpu><cputune>" + pins(0, 16) + "</cputune>");
        assertThat(Validator.of(p, ValidationOptions.DEFAULT).validate(crossing, idle()).findings("NUMA_CROSSING"))
                .singleElement().extracting(Finding::severity).isEqualTo(Severity.WARNING);
        assertThat(Profile.STANDARD.overrides(CpuRules.OVERCOMMIT)).as("profiles are immutable").isFalse();
    }

    @Test
    void profileWithoutDropsTheRulesOfACode() {
        Domain crossing = domain("<vcpu>2</vcpu><cputune>" + pins(0, 16) + "</cputune>");
        assertThat(Validator.standard().validate(crossing, idle()).has("NUMA_CROSSING")).isTrue();
        Profile p = Profile.STANDARD.without("NUMA_CROSSING");
        assertThat(codes(p)).doesNotContain("NUMA_CROSSING").hasSize(STANDARD_CODES.size() - 1);
        assertThat(Validator.of(p, ValidationOptions.DEFAULT).validate(crossing, idle()).has("NUMA_CROSSING")).isFalse();
        assertThat(Validator.of(p, ValidationOptions.DEFAULT).profile()).isSameAs(p);
    }

    @Test
    void aCustomRuleAddedToAProfileRuns() {
        Rule noX = Rule.of("NAME_STARTS_WITH_X", Severity.ERROR, false, (ctx, out) -> {
            if (ctx.domain().name().startsWith("x")) {
                out.add("/domain/name", "name " + ctx.domain().name() + " starts with x", "rename it");
            }
        });
        Profile p = Profile.STANDARD.with(List.of(noX));
        Report r = Validator.of(p, ValidationOptions.DEFAULT).validate(RuleFixtures.named("xylo", ""));
        assertThat(r.findings("NAME_STARTS_WITH_X")).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.path()).isEqualTo("/domain/name");
            assertThat(f.message()).contains("xylo");
        });
        assertThat(Validator.of(p, ValidationOptions.DEFAULT).validate(RuleFixtures.named("alpha", "")).isClean())
                .isTrue();
        assertThat(noX.toString()).isEqualTo("NAME_STARTS_WITH_X");
    }

    @Test
    void rulesNeedingAHostAreSkippedWithoutOne() {
        AtomicInteger calls = new AtomicInteger();
        Rule hostRule = Rule.of("HOST_ONLY", Severity.ERROR, true, (ctx, out) -> {
            calls.incrementAndGet();
            ctx.topology(); // would throw without a host
            out.add("/domain", "seen", "");
        });
        Validator v = Validator.of(Profile.STANDARD.with(List.of(hostRule)), ValidationOptions.DEFAULT);
        Report alone = v.validate(broken());
        assertThat(calls).hasValue(0);
        assertThat(alone.has("HOST_ONLY")).isFalse();
        assertThat(alone.has("PIN_CPU_MISSING")).isFalse();
        Report withHost = v.validate(broken(), idle());
        assertThat(calls).hasValue(1);
        assertThat(withHost.has("HOST_ONLY")).isTrue();
        assertThat(withHost.has("PIN_CPU_MISSING")).isTrue();
        assertThatThrownBy(() -> v.validate(broken(), null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void aHostRuleAskingForTheHostWithoutOneFailsLoudly() {
        CheckContext ctx = new CheckContext(domain(""), null, ValidationOptions.DEFAULT);
        assertThat(ctx.hostState()).isEmpty();
        assertThatThrownBy(ctx::host).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(ctx::topology).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void validationOptionsCheckTheirThresholds() {
        assertThatThrownBy(() -> new ValidationOptions(0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ValidationOptions(2, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new ValidationOptions(1.5, 1.5).overcommitError()).isEqualTo(1.5);
    }

    @Test
    void everyProfileSurvivesPlausibleIncompleteDomains() {
        List<Domain> domains = List.of(domain(""), domain("<vcpu>0</vcpu><cputune><vcpupin vcpu='0' cpuset='0'/>"
                        + "</cputune><devices><interface type='network'><model type='virtio'/></interface></devices>"),
                domain("<vcpu>2</vcpu><cpu><numa><cell cpus='0' memory='1024'/><cell cpus='1' memory='1024'/>"
                        + "</numa></cpu><memoryBacking><hugepages><page size='2048' nodeset='1'/></hugepages>"
                        + "</memoryBacking>"),
                domain("<cpu><numa><cell memory='1024'/></numa></cpu><numatune><memnode cellid='0' nodeset='0'/>"
                        + "</numatune><cputune><emulatorpin cpuset='0'/></cputune>"),
                domain("<memory unit='GiB'>1</memory><memoryBacking><hugepages/></memoryBacking>"
                        + "<devices><disk type='file' device='disk'><target dev='vda'/></disk>"
                        + "<interface type='hostdev'><source><address type='pci' bus='0x3b' slot='2' function='1'/>"
                        + "</source></interface><hostdev mode='subsystem' type='pci'><source>"
                        + "<address bus='0xaf' slot='0' function='0'/></source></hostdev></devices>"));
        for (Domain d : domains) {
            Validator.latencySensitive().validate(d);
            Validator.latencySensitive().validate(d, idle());
            Validator.latencySensitive().validate(d, HostState.of(io.virtforge.topology.HostTopology.builder().build()));
            Validator.latencySensitive().validate(d, HostState.of(HOST, List.of(d)));
        }
    }

    @Test
    void theSeedsTunedVmNamesIothreadsItNeverDefines() {
        // the seed's high-perf-vm gives its virtio-scsi controller and its SCSI disk I/O thread 1 without
        // <iothreads>: libvirt's QEMU driver refuses both, and an I/O thread on a SCSI disk
        Domain d = DomainXml.defaults().parse(Corpus.read(Corpus.require("seed/high-perf-vm.xml")));
        // 16 GiB of 2 MiB pages bound to node 0: a host with 8192 free there
        HostState host = HostState.of(io.virtforge.topology.SyntheticHost.of(2, 1, 16, 2,
                io.virtforge.value.DataSize.gib(64), 8192).build());
        Report r = Validator.latencySensitive().validate(d, host);
        assertThat(r.errors()).extracting(Finding::code, Finding::path).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("IOTHREAD_UNDEFINED", "/domain/devices/disk[1]/driver/@iothread"),
                org.assertj.core.groups.Tuple.tuple("IOTHREAD_UNDEFINED",
                        "/domain/devices/controller[1]/driver/@iothread"),
                org.assertj.core.groups.Tuple.tuple("DISK_IOTHREAD_BUS", "/domain/devices/disk[1]/driver/@iothread"));
        assertThat(r.warnings()).extracting(Finding::code).containsExactly("BALLOON_WITH_HUGEPAGES");
    }

    @Test
    void theSeedsNumaFragmentsAreJudgedAsTheyAreLabelled() {
        Domain crossing = fragment("seed/numa-crossing-fragment.xml");
        assertThat(Validator.latencySensitive().validate(crossing, idle()).findings("NUMA_UNBOUND"))
                .extracting(Finding::severity, Finding::path).containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Severity.ERROR, "/domain/cpu/numa/cell[@id='0']"),
                        org.assertj.core.groups.Tuple.tuple(Severity.ERROR, "/domain/cpu/numa/cell[@id='1']"));
        Domain aligned = fragment("seed/numa-aligned-fragment.xml");
        Report r = Validator.latencySensitive().validate(aligned, idle());
        assertThat(r.has("NUMA_UNBOUND")).isFalse();
        assertThat(r.has("NUMA_CROSSING")).isFalse();
        assertThat(r.has("GUEST_CELL_SPANS_NODES")).isFalse();
    }

    /** A seed fragment (a domain without a name), named. */
    static Domain fragment(String path) {
        String xml = Corpus.read(Corpus.require(path));
        return DomainXml.defaults().parse(xml.replaceFirst("<domain type='kvm'>", "<domain type='kvm'><name>fragment</name>"));
    }

    /** A tiny JSON reader: objects, arrays, strings, numbers, literals; enough to read a report back. */
    static final class MiniJson {
        private final String s;
        private int i;

        MiniJson(String s) {
            this.s = s;
        }

        Object parse() {
            Object v = value();
            ws();
            if (i != s.length()) {
                throw new IllegalArgumentException("trailing text at " + i);
            }
            return v;
        }

        private void ws() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }

        private void expect(char c) {
            ws();
            if (i >= s.length() || s.charAt(i) != c) {
                throw new IllegalArgumentException("expected " + c + " at " + i + " in " + s);
            }
            i++;
        }

        private Object value() {
            ws();
            char c = s.charAt(i);
            if (c == '{') {
                Map<String, Object> m = new LinkedHashMap<>();
                i++;
                ws();
                if (s.charAt(i) == '}') {
                    i++;
                    return m;
                }
                do {
                    ws();
                    String k = string();
                    expect(':');
                    m.put(k, value());
                    ws();
                } while (s.charAt(i++) == ',');
                if (s.charAt(i - 1) != '}') {
                    throw new IllegalArgumentException("expected } at " + (i - 1));
                }
                return m;
            }
            if (c == '[') {
                List<Object> l = new ArrayList<>();
                i++;
                ws();
                if (s.charAt(i) == ']') {
                    i++;
                    return l;
                }
                do {
                    l.add(value());
                    ws();
                } while (s.charAt(i++) == ',');
                if (s.charAt(i - 1) != ']') {
                    throw new IllegalArgumentException("expected ] at " + (i - 1));
                }
                return l;
            }
            if (c == '"') {
                return string();
            }
            int start = i;
            while (i < s.length() && "+-0123456789.eEtruefalsn".indexOf(s.charAt(i)) >= 0) {
                i++;
            }
            String t = s.substring(start, i);
            return switch (t) {
                case "true" -> Boolean.TRUE;
                case "false" -> Boolean.FALSE;
                case "null" -> null;
                default -> Double.valueOf(t);
            };
        }

        private String string() {
            expect('"');
            StringBuilder sb = new StringBuilder();
            while (true) {
                char c = s.charAt(i++);
                if (c == '"') {
                    return sb.toString();
                }
                if (c == '\\') {
                    char e = s.charAt(i++);
                    switch (e) {
                        case 'n' -> sb.append('\n');
                        case 'r' -> sb.append('\r');
                        case 't' -> sb.append('\t');
                        case 'u' -> {
                            sb.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                            i += 4;
                        }
                        default -> sb.append(e);
                    }
                } else {
                    if (c < 0x20) {
                        throw new IllegalArgumentException("raw control character in a string");
                    }
                    sb.append(c);
                }
            }
        }
    }
}
