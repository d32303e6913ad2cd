package io.virtforge.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import io.virtforge.build.DomainBuilder;
import io.virtforge.check.Finding;
import io.virtforge.check.Validator;
import io.virtforge.model.Domain;
import io.virtforge.model.DomainXml;
import io.virtforge.plan.CpuPolicy;
import io.virtforge.plan.EmulatorPolicy;
import io.virtforge.plan.PagePolicy;
import io.virtforge.plan.Placement;
import io.virtforge.plan.PlacementRequest;
import io.virtforge.plan.PlacementResult;
import io.virtforge.plan.Planner;
import io.virtforge.plan.RandomScenario;
import io.virtforge.testing.LibvirtSchema;
import io.virtforge.topology.HostState;
import io.virtforge.value.CpuSet;
import io.virtforge.value.DataSize;
import io.virtforge.value.PageSize;
import java.nio.file.Files;
import java.util.Random;
import java.util.regex.Pattern;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The destination-XML rewrite over random source placements and destination occupancies (the planner's random
 * small hosts, {@link RandomScenario}): a domain placed by the planner on one random host, re-planned by its own
 * shape on another, and rewritten, validates clean against the destination (the validator with the host, and
 * libvirt's RNG schema when installed), holds the destination's placement, keeps its shape, and differs from the
 * source only in the placement attributes: every other byte of the written XML is the same.
 */
class DestinationXmlProperties {
    /** The attributes a rewrite may change, on the lines of the elements that carry them. */
    private static final Pattern PLACEMENT = Pattern.compile(
            "(<(vcpupin|emulatorpin|iothreadpin|vcpu|memory|memnode)\\b[^>]*?\\b(cpuset|nodeset))='[^']*'");
    private static final AtomicInteger REWRITES_CHECKED = new AtomicInteger();
    private final Planner planner = Planner.create();

    @AfterContainer
    static void enoughRewritesWereChecked() {
        // a property whose hosts rarely fit would pass without checking anything
        assertThat(REWRITES_CHECKED.get()).as("rewrites checked of 1500 tries").isGreaterThan(150);
    }

    @Property(tries = 1500)
    void theRewrittenDomainValidatesOnTheDestinationAndDiffersOnlyInPlacement(@ForAll long seed) {
        Random rnd = new Random(seed);
        HostState sourceHost = RandomScenario.of(rnd.nextLong()).state();
        HostState destinationHost = RandomScenario.of(rnd.nextLong()).state();
        PlacementRequest original = randomShape(rnd);
        PlacementResult onSource = planner.plan(original, sourceHost);
        if (!onSource.fits()) {
            return;
        }
        Domain source = onSource.orElseThrow().applyTo(DomainBuilder.named("vm")).assemble();

        PlacementRequest shape = DomainShape.requestFor(source).build();
        PlacementResult onDestination = planner.plan(shape, destinationHost);
        if (!onDestination.fits()) {
            return; // the refusal is MigrationPlannerTest's
        }
        Placement placement = onDestination.orElseThrow();
        Domain moved = DestinationXml.rewrite(source, placement);

        assertThat(Validator.standard().validate(moved, destinationHost).errors()).extracting(Finding::toString)
                .as("seed %d", seed).isEmpty();
        assertThat(moved.cputune().orElseThrow().vcpuPins()).allSatisfy(p ->
                assertThat(p.cpuset()).isEqualTo(placement.vcpuPins().get(p.vcpu())));
        moved.cputune().orElseThrow().emulatorPin().ifPresent(e -> assertThat(e).isEqualTo(placement.emulatorPin()));
        assertThat(moved.numatune().flatMap(t -> t.memory()).flatMap(m -> m.nodeset())).hasValue(placement.hostNodes());
        for (var c : placement.cells()) {
            assertThat(moved.numatune().orElseThrow().memNode(c.guestCell()).flatMap(m -> m.nodeset()))
                    .hasValueSatisfying(n -> assertThat(n.toArray()).containsExactly(c.hostNode()));
        }
        // the same cells, memory, I/O threads and pages (a shared vCPU may read as dedicated where its node's
        // shared set is one CPU: the pins alone cannot tell)
        assertThat(DomainShape.requestFor(moved).build()).usingRecursiveComparison()
                .comparingOnlyFields("vcpus", "memory", "cells", "iothreads", "pagePolicy", "pageSize").isEqualTo(shape);

        DomainXml codec = DomainXml.defaults();
        String before = codec.write(source);
        String after = codec.write(moved);
        assertThat(blankPlacement(after)).as("seed %d", seed).isEqualTo(blankPlacement(before));
        if (Files.isDirectory(LibvirtSchema.DIR)) {
            assertThat(LibvirtSchema.errors("domain", after)).isEmpty();
        }
        REWRITES_CHECKED.incrementAndGet();
    }

    @Property(tries = 300)
    void aPlacementOnTheSameHostChangesNothing(@ForAll long seed) {
        Random rnd = new Random(seed);
        HostState host = RandomScenario.of(rnd.nextLong()).state();
        PlacementResult placed = planner.plan(randomShape(rnd), host);
        if (!placed.fits()) {
            return;
        }
        Domain source = placed.orElseThrow().applyTo(DomainBuilder.named("vm")).assemble();
        Domain same = DestinationXml.rewrite(source, placed.orElseThrow());
        assertThat(DomainXml.defaults().write(same)).isEqualTo(DomainXml.defaults().write(source));
    }

    private static String blankPlacement(String xml) {
        return PLACEMENT.matcher(xml).replaceAll("$1='*'");
    }

    /** A random shape without devices (a domain with VFIO devices is refused before planning). */
    static PlacementRequest randomShape(Random rnd) {
        int vcpus = 1 + rnd.nextInt(6);
        PageSize size = switch (rnd.nextInt(3)) {
            case 0 -> null;
            case 1 -> PageSize.MIB_2;
            default -> PageSize.GIB_1;
        };
        long unit = size == null ? 2L << 20 : size.bytes();
        DataSize memory = DataSize.ofBytes(unit * (1 + rnd.nextInt(size == PageSize.GIB_1 ? 2 : 64)) * vcpus);
        PlacementRequest.Builder b = PlacementRequest.builder(vcpus, memory);
        int cells = 1 + rnd.nextInt(Math.min(3, vcpus));
        if (memory.bytes() / unit % cells == 0) {
            b.cells(cells);
        } else {
            b.cells(1);
        }
        switch (rnd.nextInt(4)) {
            case 0 -> b.cpuPolicy(CpuPolicy.SHARED).cpuAllocationRatio(1 + rnd.nextInt(4));
            case 1 -> {
                if (vcpus > 1) {
                    b.mixed(CpuSet.range(0, rnd.nextInt(vcpus - 1))).cpuAllocationRatio(4);
                }
            }
            default -> b.cpuPolicy(CpuPolicy.DEDICATED);
        }
        b.emulatorPolicy(rnd.nextBoolean() ? EmulatorPolicy.SHARE : EmulatorPolicy.ISOLATE);
        b.iothreads(rnd.nextInt(3));
        if (size == null) {
            b.pagePolicy(PagePolicy.SMALL);
        } else {
            b.pageSize(size);
        }
        return b.build();
    }
}
