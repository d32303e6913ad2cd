package io.virtforge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.virtforge.testing.Corpus;
import io.virtforge.model.DomainXml;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
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

    private static final String DOMAIN = "<domain type='kvm'><name>a</name></domain>";

    @Test
    void fmtInPlaceKeepsTheModeAndTheOwner() throws Exception {
        Path f = Files.writeString(dir.resolve("a.xml"), DOMAIN);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
        boolean root = "root".equals(System.getProperty("user.name"));
        UserPrincipal nobody = null;
        if (root) {
            // only root can give a file away: check the owner is kept where the test can set one
            nobody = f.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
            Files.setOwner(f, nobody);
        }

        CliRun run = CliRun.of("xml", "fmt", "--in-place", f.toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(Files.readString(f)).contains("\n  <name>a</name>\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).isEqualTo("rw-r--r--");
        if (root) {
            assertThat(Files.getOwner(f)).isEqualTo(nobody);
        }
    }

    @Test
    void fmtInPlaceWritesALinksTargetAndKeepsTheLink() throws Exception {
        Path real = Files.createDirectories(dir.resolve("real"));
        Path target = Files.writeString(real.resolve("vm.xml"), DOMAIN);
        Path link = Files.createSymbolicLink(dir.resolve("vm.xml"), Path.of("real", "vm.xml"));

        CliRun run = CliRun.of("xml", "fmt", "--in-place", link.toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readSymbolicLink(link)).isEqualTo(Path.of("real", "vm.xml"));
        assertThat(Files.readString(target)).contains("\n  <name>a</name>\n");
        try (var files = Files.list(real)) {
            assertThat(files).as("no temporary file left").containsExactly(target);
        }
    }

    @Test
    void textThatIsNotUtf8IsRefusedWithWhereItIs() throws Exception {
        byte[] latin1 = "<domain type='kvm'>\n  <name>caf\u00e9</name>\n</domain>\n"
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        Path f = Files.write(dir.resolve("latin1.xml"), latin1);
        String where = f + ": line 2, column 12: not UTF-8";

        for (String[] args : new String[][] {{"xml", "fmt", "--in-place", f.toString()}, {"xml", "check", f.toString()},
            {"xml", "inspect", f.toString()}}) {
            CliRun run = CliRun.of(args);
            assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
            assertThat(run.err()).as(run.toString()).contains(where);
        }
        assertThat(Files.readAllBytes(f)).as("not rewritten").isEqualTo(latin1);
    }

    @Test
    void aFolderOrABinaryFileIsNamedAsSuch() throws Exception {
        CliRun folder = CliRun.of("xml", "fmt", dir.toString());
        assertThat(folder.exitCode()).isEqualTo(2);
        assertThat(folder.err()).isEqualTo("virtforge: " + dir + " is a folder, not a file\n");

        Path binary = Files.write(dir.resolve("disk.img"), new byte[] {0x51, 0x46, 0x49, (byte) 0xfb, 0, 0, 0, 3});
        CliRun run = CliRun.of("xml", "check", binary.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("virtforge: " + binary + " is a binary file, not XML\n");
    }
}
