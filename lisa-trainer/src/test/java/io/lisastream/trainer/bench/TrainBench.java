package io.lisastream.trainer.bench;

import io.lisastream.model.Variant;
import io.lisastream.model.data.DatasetReader;
import io.lisastream.model.data.SequenceDataset;
import io.lisastream.trainer.EpochRecord;
import io.lisastream.trainer.TrainConfig;
import io.lisastream.trainer.TrainListener;
import io.lisastream.trainer.Trainer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Benchmark helper (not a test): trains with key=value overrides of the defaults and prints one
 * line per epoch. Keys: data variant epochs batch dim maxLen cb cw tcb tcw loss neg lr dropout
 * temp decay evalEvery users (first N users only) seed.
 */
public final class TrainBench {
    public static void main(String[] args) throws Exception {
        Map<String, String> a = new HashMap<>();
        for (String s : args) {
            int eq = s.indexOf('=');
            a.put(s.substring(0, eq), s.substring(eq + 1));
        }
        SequenceDataset data = DatasetReader.read(Path.of(a.get("data")));
        int users = Integer.parseInt(a.getOrDefault("users", "0"));
        if (users > 0 && users < data.numUsers()) {
            List<String> ids = new ArrayList<>();
            List<List<String>> seqs = new ArrayList<>();
            for (int u = 0; u < users; u++) {
                ids.add(data.userId(u));
                List<String> s = new ArrayList<>();
                for (int i : data.sequence(u)) {
                    s.add(data.itemId(i));
                }
                seqs.add(s);
            }
            data = SequenceDataset.fromLists(ids, seqs);
        }
        Variant v = Variant.fromWireName(a.getOrDefault("variant", "sasrec"));
        TrainConfig d = TrainConfig.defaults(v);
        int dim = Integer.parseInt(a.getOrDefault("dim", "" + d.dim()));
        TrainConfig cfg = d.withEpochs(Integer.parseInt(a.getOrDefault("epochs", "10")))
                .withBatch(Integer.parseInt(a.getOrDefault("batch", "" + d.batch())))
                .withShape(dim, dim, Integer.parseInt(a.getOrDefault("maxLen", "" + d.maxLen())),
                        Integer.parseInt(a.getOrDefault("cb", "" + d.codebooks())),
                        Integer.parseInt(a.getOrDefault("cw", "" + d.codewords())))
                .withTarget(Integer.parseInt(a.getOrDefault("tcb", "" + d.targetCodebooks())),
                        Integer.parseInt(a.getOrDefault("tcw", "" + d.targetCodewords())))
                .withLoss(a.getOrDefault("loss", d.loss()), Integer.parseInt(a.getOrDefault("neg", "" + d.negatives())))
                .withOptimisation(Double.parseDouble(a.getOrDefault("decay", "" + d.decay())),
                        Double.parseDouble(a.getOrDefault("temp", "" + d.temperature())),
                        Double.parseDouble(a.getOrDefault("dropout", "" + d.dropout())),
                        Double.parseDouble(a.getOrDefault("lr", "" + d.lr())))
                .withRun(Long.parseLong(a.getOrDefault("seed", "42")), 2,
                        Integer.parseInt(a.getOrDefault("evalEvery", "1")), 0, 0);
        Path out = Files.createTempDirectory("trainbench");
        long t0 = System.nanoTime();
        System.out.println(String.join(" ", args));
        io.lisastream.trainer.TrainResult res = Trainer.train(data, cfg, out, new TrainListener() {
            @Override
            public void onMessage(String m) {
                System.out.println("  " + m);
            }

            @Override
            public void onEpoch(EpochRecord r) {
                System.out.printf("  %s  [%.0f s]%n", r.summary(), (System.nanoTime() - t0) / 1e9);
            }
        });
        if (v.isLisa()) {
            int[] codes = res.model().ints(io.lisastream.model.TensorSpec.CODES);
            int b = res.model().config().codebooks();
            java.util.Set<String> tuples = new java.util.HashSet<>();
            StringBuilder used = new StringBuilder();
            int n = codes.length / b;
            for (int i = 0; i < n; i++) {
                tuples.add(java.util.Arrays.toString(java.util.Arrays.copyOfRange(codes, i * b, i * b + b)));
            }
            for (int k = 0; k < b; k++) {
                java.util.Set<Integer> u = new java.util.HashSet<>();
                for (int i = 0; i < n; i++) {
                    u.add(codes[i * b + k]);
                }
                used.append(u.size()).append(' ');
            }
            System.out.println("  distinct code tuples " + tuples.size() + " of " + n + " items; codewords used per codebook: "
                    + used);
        }
    }
}
