package io.lisastream.trainer.bench;

import io.lisastream.model.Variant;
import io.lisastream.model.data.DatasetReader;
import io.lisastream.model.data.SequenceDataset;
import io.lisastream.model.eval.LeaveOneOut;
import io.lisastream.trainer.TrainConfig;
import io.lisastream.trainer.Trainer;
import io.lisastream.trainer.nn.Adam;
import io.lisastream.trainer.nn.Batch;
import io.lisastream.trainer.nn.Loss;
import io.lisastream.trainer.nn.ModelShape;
import io.lisastream.trainer.nn.SequenceNetwork;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Benchmark (not a test): what dominates a training step on a real dataset. One batch of 128
 * users with a typical window (users ranked 1000..1127 by window length), D = 128, the variant's
 * default codebooks.
 * Usage: StepProfile DATA_FILE VARIANT LOSS NEGATIVES MAXLEN STEPS [FFN_DIM [BLOCKS [BLOCK_WINDOW]]]
 * (FFN_DIM defaults to 128, BLOCKS to 1, BLOCK_WINDOW to 0: none).
 */
public final class StepProfile {
    public static void main(String[] args) throws Exception {
        SequenceDataset data = DatasetReader.read(Path.of(args[0]));
        Variant v = Variant.fromWireName(args[1]);
        int maxLen = Integer.parseInt(args[4]);
        int steps = Integer.parseInt(args[5]);
        int ffnDim = args.length > 6 ? Integer.parseInt(args[6]) : 128;
        int blocks = args.length > 7 ? Integer.parseInt(args[7]) : 1;
        int blockWindow = args.length > 8 ? Integer.parseInt(args[8]) : 0;
        TrainConfig base = TrainConfig.defaults(v);
        TrainConfig cfg = base.withLoss(args[2], Integer.parseInt(args[3]))
                .withShape(128, ffnDim, maxLen, base.codebooks(), base.codewords())
                .withBlocks(blocks).withBlockWindow(blockWindow);
        LeaveOneOut split = LeaveOneOut.split(data);
        Integer[] users = new Integer[split.numUsers()];
        for (int u = 0; u < users.length; u++) {
            users[u] = u;
        }
        Arrays.sort(users, (a, b) -> Integer.compare(split.train(b).length, split.train(a).length));
        int[][] w = new int[128][];
        int[][] t = new int[128][];
        long positions = 0;
        for (int s = 0; s < 128; s++) {
            int[] seq = split.train(users[1000 + s]);
            int len = Math.min(seq.length - 1, maxLen);
            int st = seq.length - 1 - len;
            w[s] = Arrays.copyOfRange(seq, st, st + len);
            t[s] = Arrays.copyOfRange(seq, st + 1, st + 1 + len);
            positions += len;
        }
        Batch batch = Batch.of(w, t);
        ModelShape shape = Trainer.shape(cfg, data.numItems());
        SequenceNetwork net = new SequenceNetwork(shape, 1);
        Adam adam = new Adam(1e-3, 0.9, 0.98, 1e-8);
        Loss loss = Loss.of(cfg.loss(), cfg.negatives(), cfg.excludeSeen());
        SplittableRandom rng = new SplittableRandom(1);
        int d = shape.dim();
        int n = shape.numItems();
        double lossT = 0;
        double adamT = 0;
        long all = 0;
        for (int step = 0; step < steps + 1; step++) {
            if (step == 1) {
                net.times().reset();
                lossT = 0;
                adamT = 0;
                all = System.nanoTime();
            }
            net.params().zeroGrad();
            float[] z = net.forward(batch, true, rng);
            long t0 = System.nanoTime();
            float[] gz = new float[z.length];
            float[] gt = new float[n * d];
            loss.forwardBackward(z, net.tables().target(), batch, d, n, rng, gz, gt);
            lossT += (System.nanoTime() - t0) / 1e9;
            net.backward(gz, gt);
            t0 = System.nanoTime();
            adam.update(net.params());
            adamT += (System.nanoTime() - t0) / 1e9;
        }
        double total = (System.nanoTime() - all) / 1e9 / steps;
        System.out.printf("%s F %d, %d block(s), block window %d, loss %s/%s maxLen %d: batch of 128 users, window %d, "
                + "%d positions: %.2f s/step, %.0f positions/s%n", v, ffnDim, blocks, blockWindow, cfg.loss(), args[3],
                maxLen, batch.len(), positions, total, positions / total);
        net.times().seconds().forEach((k, s) -> System.out.printf("  %-32s %.3f s%n", k, s / steps));
        System.out.printf("  %-32s %.3f s%n  %-32s %.3f s%n", "loss (forward+backward)", lossT / steps, "adam", adamT / steps);
    }
}
