package io.virtforge.samples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.virtforge.testing.Corpus;
import io.virtforge.xml.DomainXml;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class XmlCommandTest {
    @TempDir
    Path dir;

    @Test
    void fmtWritesTheDocumentThroughTheModel() {
        Path seed = Corpus.require("seed/high-perf-vm.xml");
        CliRun run = CliRun.of("xml", "fmt", seed.toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo(DomainXml.defaults().write(DomainXml.defaults().parse(Corpus.read(seed))));
        assertThat(run.out()).startsWith("<domain type='kvm'>").contains("<vcpupin vcpu='7' cpuset='9'/>");
    }

    @Test
    void fmtInPlaceRewritesEveryFileOrNoneWhenOneIsBad() throws Exception {
        Path a = dir.resolve("a.xml");
        Path b = dir.resolve("b.xml");
        Files.writeString(a, "<domain type=\"kvm\"><name>a</name>   <memory>1024</memory></domain>");
        Files.writeString(b, "<domain type='kvm'><name>b</name>");
        CliRun failed = CliRun.of("xml", "fmt", "--in-place", a.toString(), b.toString());
        assertThat(failed.exitCode()).isEqualTo(2);
        assertThat(failed.err()).contains("b.xml").contains("line 1");
        assertThat(Files.readString(a)).startsWith("<domain type=\"kvm\">"); // untouched

        Files.writeString(b, "<domain type='kvm'><name>b</name></domain>");
        assertThat(CliRun.of("xml", "fmt", "--in-place", a.toString(), b.toString()).exitCode()).isZero();
        assertThat(Files.readString(a)).isEqualTo("<domain type='kvm'>\n  <name>a</name>\n  <memory>1024</memory>\n</domain>\n");
    }

    @Test
    void fmtInPlaceKeepsTheCommentsAroundTheRootElement() throws Exception {
        Path a = dir.resolve("a.xml");
        Files.writeString(a, "<!-- why this VM exists -->\n<domain type='kvm'><name>a</name></domain>\n<!-- end -->\n");
        assertThat(CliRun.of("xml", "fmt", "--in-place", a.toString()).exitCode()).isZero();
        assertThat(Files.readString(a))
                .isEqualTo("<!-- why this VM exists -->\n<domain type='kvm'>\n  <name>a</name>\n</domain>\n<!-- end -->\n");
    }

    @Test
    void inspectListsWhatIsKeptButNotTyped() throws Exception {
        Path f = dir.resolve("ns.xml");
        Files.writeString(f, """
                <domain type='kvm' xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0'>
                  <name>x</name>
                  <qemu:commandline><qemu:arg value='-S'/></qemu:commandline>
                </domain>""");
        CliRun run = CliRun.of("xml", "inspect", f.toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("attribute /domain/@xmlns:qemu").contains("element   /domain/qemu:commandline");
    }

    @Test
    void badInputExitsWithTwoAndAMessage() throws Exception {
        Path hostile = dir.resolve("xxe.xml");
        Files.writeString(hostile, "<!DOCTYPE d [<!ENTITY x SYSTEM 'file:///etc/passwd'>]><domain>&x;</domain>");
        CliRun run = CliRun.of("xml", "fmt", hostile.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("DOCTYPE").doesNotContain("root:");
        assertThat(CliRun.of("xml", "fmt", dir.resolve("missing.xml").toString()).err()).contains("no such file");
        assertThat(CliRun.of("xml", "frobnicate").exitCode()).isEqualTo(2);
    }
}
