package io.virtforge.benchmarks;

import java.nio.file.Path;

/**
 * Prints, one per line, the documents of a {@link BenchCorpus#files(String) file spec} that the codec
 * parses and writes, by the same test {@code corpusRoundTrip} applies: the list a peer (libvirt-go-xml,
 * {@code benchmarks/go-peer}) is then given, so both sides of a comparison read the same documents. The refused ones go to standard error with the reason.
 */
public final class CodecDocuments {
    private CodecDocuments() {
    }

    /** {@code CodecDocuments SPEC...}. */
    public static void main(String[] args) {
        for (String spec : args) {
            for (Path p : BenchCorpus.files(spec)) {
                try {
                    DomainXmlBenchmark.readRoundTripping(p);
                    System.out.println(p);
                } catch (RuntimeException e) {
                    System.err.println("refused by the codec: " + p + ": " + e.getClass().getSimpleName());
                }
            }
        }
    }
}
