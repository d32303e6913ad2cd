package io.virtforge.samples.readme;

import io.micrometer.core.instrument.MeterRegistry;
import io.virtforge.build.DomainBuilder;
import io.virtforge.check.Profile;
import io.virtforge.check.Report;
import io.virtforge.check.Validator;
import io.virtforge.connect.ConnectionLostException;
import io.virtforge.connect.InvalidStateException;
import io.virtforge.connect.NotFoundException;
import io.virtforge.connect.Scope;
import io.virtforge.connect.Subscription;
import io.virtforge.connect.VirtConnection;
import io.virtforge.connect.VirtConnections;
import io.virtforge.connect.VirtDomain;
import io.virtforge.fleet.Claim;
import io.virtforge.fleet.ClaimStore;
import io.virtforge.fleet.Fleet;
import io.virtforge.fleet.FleetConstraints;
import io.virtforge.fleet.FleetPlacement;
import io.virtforge.fleet.FleetPlanner;
import io.virtforge.fleet.FleetResult;
import io.virtforge.fleet.HostWeigher;
import io.virtforge.host.audit.HostTuningAudit;
import io.virtforge.host.discovery.HostDiscovery;
import io.virtforge.host.hugepages.HugePagePoolId;
import io.virtforge.host.hugepages.HugePages;
import io.virtforge.host.hugepages.PoolResize;
import io.virtforge.host.pci.VfioBinder;
import io.virtforge.host.pci.VfioBinding;
import io.virtforge.host.sysfs.KeepPartial;
import io.virtforge.host.sysfs.RealSysfs;
import io.virtforge.host.sysfs.Sysfs;
import io.virtforge.micrometer.VirtforgeMeterBinder;
import io.virtforge.model.CpuTune;
import io.virtforge.model.Disk;
import io.virtforge.model.DiskDriver;
import io.virtforge.model.Domain;
import io.virtforge.model.DomainXml;
import io.virtforge.monitor.DriftAudit;
import io.virtforge.monitor.DriftThresholds;
import io.virtforge.monitor.MonitorCollector;
import io.virtforge.monitor.MonitorSample;
import io.virtforge.monitor.MonitorScraper;
import io.virtforge.plan.DeviceRequest;
import io.virtforge.plan.Placement;
import io.virtforge.plan.PlacementRequest;
import io.virtforge.plan.PlacementResult;
import io.virtforge.plan.Planner;
import io.virtforge.topology.CapabilitiesXml;
import io.virtforge.topology.HostState;
import io.virtforge.topology.HostTopology;
import io.virtforge.value.CpuSet;
import io.virtforge.value.DataSize;
import io.virtforge.value.PageSize;
import io.virtforge.value.PciAddress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;

/**
 * The README's Java examples, compiled by the build: each method body is one of the README's {@code java} blocks,
 * character for character apart from indentation ({@code ReadmeExamplesTest} checks that), with the imports a
 * user needs above and the values the README takes as given as parameters. Where the README's imports live.
 */
final class ReadmeExamples {
    private ReadmeExamples() {
    }

    // README: "sdk-api: the domain model"
    static String theDomainModel(Path path) throws IOException {
        // README-BEGIN
        DomainXml xml = DomainXml.defaults();                       // thread-safe, nothing to configure
        Domain vm = xml.parse(Files.newInputStream(path));          // typed, lossless
        int vcpus = vm.vcpuCount();
        Optional<CpuSet> emulator = vm.cputune().flatMap(CpuTune::emulatorPin);
        for (Disk d : vm.devices().disks()) {
            d.driver().flatMap(DiskDriver::cache);                  // Optional<CacheMode>
        }

        // change a few things; everything the model does not type stays as it was
        Domain tuned = vm.toBuilder()
            .memory(DataSize.gib(16))
            .cputune(vm.cputune().orElseThrow().toBuilder().vcpuPin(0, CpuSet.of(4)).build())
            .build();
        String out = xml.write(tuned);
        // README-END
        assert vcpus > 0 && emulator != null;
        return out;
    }

    // README: "sdk-api: building, checking and placing"
    static Report buildingCheckingAndPlacing(String capsXml, List<Domain> runningDomains) {
        // README-BEGIN
        HostState host = HostState.of(CapabilitiesXml.parse(capsXml), runningDomains);

        // ask the planner where an 8-vCPU, 16 GiB VM goes: node, CPUs, pages, devices
        PlacementResult result = Planner.create().plan(PlacementRequest.builder(8, DataSize.gib(16))
                .pageSize(PageSize.MIB_2).iothreads(1).reservedCpus(CpuSet.range(0, 1))
                .device(DeviceRequest.vfOf(PciAddress.parse("0000:3b:00.0")))   // any free VF of this PF
                .build(), host);
        Placement placement = result.orElseThrow();                              // NoFitException: per node, why not

        Domain vm = placement.applyTo(DomainBuilder.named("db-1"))
                .cpu(c -> c.hostPassthrough())
                .lockedMemory()
                .disk(d -> d.file("/var/lib/libvirt/images/db-1.qcow2").virtioScsi().iothread(1))
                .nic(n -> n.network("default"))                                  // virtio, vhost, queues = vCPUs
                .profile(Profile.LATENCY_SENSITIVE)
                .buildFor(host);                                                 // throws with the report on errors

        Report report = Validator.latencySensitive().validate(vm, host);        // or validate any domain
        report.toText(); report.toJson();                                        // codes, paths, messages, hints
        // README-END
        return report;
    }

    // README: "sdk-api: placing on a fleet"
    static Claim placingOnAFleet(HostState h1, HostState h2, PlacementRequest request, ClaimStore claims) {
        // README-BEGIN
        Fleet fleet = Fleet.builder().host("h1", h1, "gpu").host("h2", h2).build();      // ids, HostStates, labels
        FleetResult r = FleetPlanner.create(HostWeigher.PACK).plan(request, FleetConstraints.none(), fleet);
        FleetPlacement chosen = r.chosen().orElseThrow();           // host id, its generation, the exact Placement
        Claim claim = claims.claim(chosen.hostId(), chosen.generation(), chosen.placement(), "vm1"); // or ClaimConflictException
// define vm1 on the host, then claims.confirm(claim.id()); on failure claims.release(claim.id())
        // README-END
        return claim;
    }

    // README: "sdk-host: the host over sysfs"
    static Report theHostOverSysfs() {
        // README-BEGIN
        Sysfs sysfs = new RealSysfs();                               // or new RealSysfs(Path.of("captured-tree"))
        HostTopology host = HostDiscovery.topologyOf(sysfs);         // nodes, CPUs, pools, PCI, IOMMU groups
        HostTopology numa = new HostDiscovery(sysfs).numaTopology(); // nodes, CPUs, pools only (no PCI scan)

        HugePages pages = new HugePages(sysfs);                      // a transaction: write, read back, restore
        PoolResize r = pages.setPool(HugePagePoolId.node(0, PageSize.MIB_2), 4096, KeepPartial.RESTORE);

        VfioBinder binder = new VfioBinder(sysfs);                   // libvirt's order, host-wide lock, undo on failure
        VfioBinding gpu = binder.bindGroup(PciAddress.parse("0000:3b:00.0"));
        binder.release(gpu);                                         // the original drivers take the devices back

        Report audit = new HostTuningAudit(sysfs).audit();           // THP, KSM, governor, C-states, IOMMU, schedulers
        // README-END
        assert host != null && numa != null && r != null;
        return audit;
    }

    // README: "sdk-libvirt: the connection"
    static void theConnection(Domain domain, Logger log) {
        // README-BEGIN
        try (VirtConnection conn = VirtConnections.open("qemu:///system")) {      // or test:///default, fake:///xeon-2s
            HostState host = conn.hostState();                                     // capabilities + node devices + domains
            VirtDomain vm = conn.define(domain);                                   // checks structure first
            vm.start();
            vm.pinEmulator(CpuSet.range(0, 1), Scope.LIVE);
            try (Subscription s = conn.onLifecycle(e -> log.info("{} {}", e.domain(), e.type()))) {
                vm.shutdown(Duration.ofSeconds(30));                               // ACPI, then destroy after the timeout
            }
            vm.undefine();
        } catch (NotFoundException | InvalidStateException | ConnectionLostException e) {
            // typed, with libvirt's code, error domain and message
        }
        // README-END
    }

    // README: "sdk-monitor: performance monitoring and tuning drift"
    static Report monitoring(VirtConnection c, MeterRegistry registry) throws InterruptedException {
        // README-BEGIN
        MonitorCollector collector = MonitorCollector.of(c, Optional.of(new RealSysfs())); // this host's /proc and /sys
        DriftAudit audit = new DriftAudit(DriftThresholds.DEFAULTS);
        MonitorSample before = collector.collect();                 // bulk statistics + QEMU processes, one pass
        Thread.sleep(1000);
        Report drift = audit.report(before, collector.collect());   // MEMORY_OFF_NODE, VCPU_STEAL, PIN_DRIFT...

        // the same metrics in an application's Micrometer registry, refreshed every 15 s
        VirtforgeMeterBinder binder = new VirtforgeMeterBinder(new MonitorScraper(collector, audit), Duration.ofSeconds(15));
        binder.bindTo(registry);
        // README-END
        binder.close();
        return drift;
    }
}
