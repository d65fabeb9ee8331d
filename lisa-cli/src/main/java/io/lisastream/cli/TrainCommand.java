package io.lisastream.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.lisastream.model.AttentionQuery;
import io.lisastream.model.Variant;
import io.lisastream.model.data.DatasetFormat;
import io.lisastream.model.data.DatasetReader;
import io.lisastream.model.data.SequenceDataset;
import io.lisastream.trainer.EpochRecord;
import io.lisastream.trainer.ProgressPrinter;
import io.lisastream.trainer.TrainConfig;
import io.lisastream.trainer.TrainResult;
import io.lisastream.trainer.Trainer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lisa train}: trains a model on a dataset and writes {@code OUT/model} (the artifact),
 * {@code OUT/training.png}, {@code OUT/epochs.csv} and {@code OUT/checkpoint/}. Progress and logs
 * go to stderr; a JSON summary goes to stdout.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train LISA (lisa-base, lisa-soft, lisa-mini) or the SASRec baseline on a dataset.",
            "Writes OUT/model (the lisa-model/1 artifact of the best validation epoch), OUT/training.png,",
            "OUT/epochs.csv and OUT/checkpoint/ (for --resume). JSON summary on stdout, progress on stderr.",
            "Defaults per variant follow the official ML-1M configuration."})
public final class TrainCommand implements Callable<Integer> {

    @Option(names = "--data", required = true, paramLabel = "FILE", description = "Interactions file.")
    Path data;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "sasrec, movielens or csv (default: detected from the file).")
    String format;

    @Option(names = "--variant", required = true, paramLabel = "VARIANT",
            description = "lisa-base, lisa-soft, lisa-mini or sasrec.")
    String variant;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    Path out;

    @Option(names = "--epochs", description = "Maximum epochs (default 200).")
    Integer epochs;

    @Option(names = "--batch", description = "Sequences per step (default 128).")
    Integer batch;

    @Option(names = "--dim", description = "Embedding width D (default 128).")
    Integer dim;

    @Option(names = "--ffn-dim", description = "Feed-forward width (default: = dim).")
    Integer ffnDim;

    @Option(names = "--max-len", description = "Training window and learned positions (default 300).")
    Integer maxLen;

    @Option(names = "--blocks", description = "Attention blocks (default 1, the contract's model; the SASRec paper "
            + "uses 2 on ML-1M). LISA's further blocks query the first block's histogram with the previous block's "
            + "output, so the online state stays one histogram. More than one writes stacked block tensors "
            + "(docs/model-artifact.md).")
    Integer blocks;

    @Option(names = "--query", description = "What queries the first LISA block's attention: codes (default, the "
            + "paper's: head b asks with the newest item's codeword in codebook b) or input (this project's "
            + "extension: every head asks with the item embedding + position; the online state is still the "
            + "histogram, an event costs O(B W D)). Written to the manifest as \"query\" (docs/model-artifact.md).")
    String query;

    @Option(names = "--learn-decay", description = "Learn the histogram decay lambda_b of every codebook, starting at "
            + "--decay (this project's extension; the manifest carries them as \"codebookDecays\").")
    boolean learnDecay;

    @Option(names = "--block-window", description = "With --blocks 2 or more on a LISA variant: the later blocks "
            + "attend exactly over the previous block's outputs at the last N positions (window blocks, this "
            + "project's extension; default 0 = they attend over the histogram). Served from the recent items, not "
            + "from the histogram alone (docs/model-artifact.md).")
    Integer blockWindow;

    @Option(names = "--codebooks", description = "Sequence codebooks B (lisa-*; default 8).")
    Integer codebooks;

    @Option(names = "--codewords", description = "Codewords per codebook W (default: base 128, soft 32, mini 16).")
    Integer codewords;

    @Option(names = "--target-codebooks", description = "lisa-mini target codebooks (default 8).")
    Integer targetCodebooks;

    @Option(names = "--target-codewords", description = "lisa-mini target codewords (default 128).")
    Integer targetCodewords;

    @Option(names = "--decay", description = "Histogram decay lambda per event (default 0.1).")
    Double decay;

    @Option(names = "--temperature", description = "Quantizer softmax temperature (default 0.7).")
    Double temperature;

    @Option(names = "--dropout", description = "Dropout rate (default 0.1).")
    Double dropout;

    @Option(names = "--lr", description = "Adam learning rate (default 0.001).")
    Double lr;

    @Option(names = "--lr-decay-epoch", description = "From this epoch on, train with --lr times --lr-decay-factor "
            + "(default 0: never). May be added when resuming a run.")
    Integer lrDecayEpoch;

    @Option(names = "--lr-decay-factor", description = "Learning-rate factor from --lr-decay-epoch on (default 0.1).")
    Double lrDecayFactor;

    @Option(names = "--weight-decay", description = "Decoupled (AdamW) weight decay on the embedding, position, "
            + "codebook, projection and FFN weights; each step shrinks them by lr times this (default 0: plain Adam).")
    Double weightDecay;

    @Option(names = "--param-average", description = "Validate and export an exponential moving average of the "
            + "parameters, updated after every step with this beta (e.g. 0.99), instead of the last step's values "
            + "(default 0: off).")
    Double paramAverage;

    @Option(names = "--loss", description = "bce (one uniform negative per position, the paper's), ce "
            + "(softmax cross-entropy over --negatives items; default, measured better on ML-1M) or ce+bce (their sum).")
    String loss;

    @Option(names = "--negatives", description = "Sampled negatives per batch for ce; 0 = all items (default 0).")
    Integer negatives;

    @Option(names = "--exclude-seen", description = "Never use the user's own items (those in the training window) "
            + "as negatives, as SASRec's sampler does; the evaluation protocols never rank a target against them "
            + "either. The model is then not trained to push seen items down: serve it with a seen-item filter.")
    boolean excludeSeen;

    @Option(names = "--all-windows", description = "Train on every --max-len chunk of a longer training sequence, "
            + "not only on its last one (SASRec's choice): about 1.5x the positions per epoch on ML-1M at 200.")
    boolean allWindows;

    @Option(names = "--seed", description = "Seed (default 42).")
    Long seed;

    @Option(names = "--threads", description = "Worker threads (default: all cores).")
    Integer threads;

    @Option(names = "--eval-every", description = "Validate every N epochs (default 5).")
    Integer evalEvery;

    @Option(names = "--patience", description = "Stop after N validations without improvement; 0 = never (default 5).")
    Integer patience;

    @Option(names = "--max-eval-users", description = "Validate on at most N users; 0 = all (default 0).")
    Integer maxEvalUsers;

    @Option(names = "--max-minutes", paramLabel = "MIN",
            description = "Wall-time budget: start no new epoch after MIN minutes of this run; 0 = none (default 0).")
    Double maxMinutes;

    @Option(names = "--resume", description = "Continue from OUT/checkpoint if present.")
    boolean resume;

    @Option(names = "--init-from", paramLabel = "DIR", description = "Warm start from this artifact.")
    Path initFrom;

    @Option(names = "--keep-codes", description = "With --init-from: keep every known item's codes (same code space).")
    boolean keepCodes;

    @Option(names = "--teacher", paramLabel = "DIR", description = "Distil from this trained sasrec artifact "
            + "(same catalogue): the loss becomes (1 - w) CE + w t^2 KL(teacher || student) over all items. "
            + "Needs --loss ce --negatives 0.")
    Path teacher;

    @Option(names = "--distill-weight", paramLabel = "W", description = "With --teacher: the weight w of the "
            + "distillation term, in (0, 1] (default 0.5).")
    Double distillWeight;

    @Option(names = "--distill-temperature", paramLabel = "T", description = "With --teacher: the softmax "
            + "temperature t of the distillation term (default 1).")
    Double distillTemperature;

    @Option(names = "--quiet", description = "No progress bar, only the per-epoch lines.")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        Variant v;
        try {
            v = Variant.fromWireName(variant);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--variant: " + e.getMessage());
        }
        if (!Files.isRegularFile(data)) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--data: no such file: " + data);
        }
        AttentionQuery q = null;
        if (query != null) {
            try {
                q = AttentionQuery.fromWireName(query);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(new CommandLine(this), "--query: " + e.getMessage());
            }
        }
        TrainConfig d = TrainConfig.defaults(v);
        int dm = dim != null ? dim : d.dim();
        TrainConfig cfg = new TrainConfig(v, or(epochs, d.epochs()), or(batch, d.batch()), dm,
                ffnDim != null ? ffnDim : (dim != null ? dm : d.ffnDim()), or(maxLen, d.maxLen()),
                or(blocks, d.blocks()), q != null ? q : d.query(), learnDecay,
                or(blockWindow, d.blockWindow()),
                or(codebooks, d.codebooks()), or(codewords, d.codewords()),
                or(targetCodebooks, d.targetCodebooks()),
                or(targetCodewords, d.targetCodewords()), or(decay, d.decay()), or(temperature, d.temperature()),
                or(dropout, d.dropout()), or(lr, d.lr()), or(lrDecayEpoch, d.lrDecayEpoch()),
                or(lrDecayFactor, d.lrDecayFactor()), or(weightDecay, d.weightDecay()),
                or(paramAverage, d.paramAverage()),
                loss != null ? loss : d.loss(), or(negatives, d.negatives()), excludeSeen, allWindows,
                seed != null ? seed : d.seed(), or(threads, d.threads()), or(evalEvery, d.evalEvery()),
                or(patience, d.patience()), or(maxEvalUsers, d.maxEvalUsers()), resume, initFrom, keepCodes,
                commandLine(), or(maxMinutes, d.maxMinutes()), teacher, or(distillWeight, d.distillWeight()),
                or(distillTemperature, d.distillTemperature()));
        SequenceDataset dataset = format == null ? DatasetReader.read(data)
                : DatasetReader.read(data, DatasetFormat.valueOf(format.toUpperCase(java.util.Locale.ROOT)));
        System.err.println("training " + v + " on " + dataset);
        TrainResult r = Trainer.train(dataset, cfg, out, new ProgressPrinter(System.err, !quiet && System.console() != null));
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("model", r.modelDir().toString());
        summary.put("version", r.model().config().version());
        summary.put("variant", v.wireName());
        summary.put("codeSpace", r.model().codeSpace());
        summary.put("bestEpoch", r.bestEpoch());
        summary.put("epochs", r.epochsRun());
        summary.put("wallSeconds", Math.round(r.wallSeconds() * 10) / 10.0);
        double secs = 0;
        for (EpochRecord e : r.history()) {
            secs += e.seconds();
        }
        summary.put("secondsPerEpoch", r.history().isEmpty() ? 0 : Math.round(secs / r.history().size() * 10) / 10.0);
        Map<String, Object> val = new LinkedHashMap<>();
        val.put("protocol", r.validation().protocol());
        val.put("users", r.validation().users());
        val.put("hr5", r.validation().hr5());
        val.put("hr10", r.validation().hr10());
        val.put("ndcg5", r.validation().ndcg5());
        val.put("ndcg10", r.validation().ndcg10());
        summary.put("validation", val);
        summary.put("chart", r.chart().toString());
        System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(summary));
        return 0;
    }

    private String commandLine() {
        List<String> parts = new ArrayList<>();
        parts.add("lisa train");
        parts.add("--data " + data);
        parts.add("--variant " + variant);
        parts.add("--out " + out);
        for (Object[] kv : new Object[][] {{"--format", format}, {"--epochs", epochs}, {"--batch", batch},
            {"--dim", dim}, {"--ffn-dim", ffnDim}, {"--max-len", maxLen}, {"--blocks", blocks}, {"--query", query},
            {"--block-window", blockWindow},
            {"--codebooks", codebooks},
            {"--codewords", codewords}, {"--target-codebooks", targetCodebooks},
            {"--target-codewords", targetCodewords}, {"--decay", decay}, {"--temperature", temperature},
            {"--dropout", dropout}, {"--lr", lr}, {"--lr-decay-epoch", lrDecayEpoch},
            {"--lr-decay-factor", lrDecayFactor}, {"--weight-decay", weightDecay},
            {"--param-average", paramAverage}, {"--loss", loss},
            {"--negatives", negatives}, {"--seed", seed},
            {"--threads", threads}, {"--eval-every", evalEvery}, {"--patience", patience},
            {"--max-eval-users", maxEvalUsers}, {"--init-from", initFrom}, {"--max-minutes", maxMinutes},
            {"--teacher", teacher}, {"--distill-weight", distillWeight},
            {"--distill-temperature", distillTemperature}}) {
            if (kv[1] != null) {
                parts.add(kv[0] + " " + kv[1]);
            }
        }
        if (excludeSeen) {
            parts.add("--exclude-seen");
        }
        if (allWindows) {
            parts.add("--all-windows");
        }
        if (learnDecay) {
            parts.add("--learn-decay");
        }
        if (resume) {
            parts.add("--resume");
        }
        if (keepCodes) {
            parts.add("--keep-codes");
        }
        return String.join(" ", parts);
    }

    private static int or(Integer v, int d) {
        return v != null ? v : d;
    }

    private static double or(Double v, double d) {
        return v != null ? v : d;
    }

    /** Runs the command on its own (the lead registers it under {@code lisa}). */
    public static void main(String[] args) {
        System.exit(new CommandLine(new TrainCommand()).execute(args));
    }
}
