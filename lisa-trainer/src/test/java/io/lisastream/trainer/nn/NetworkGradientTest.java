package io.lisastream.trainer.nn;

import static org.assertj.core.api.Assertions.assertThat;

import io.lisastream.model.AttentionQuery;
import io.lisastream.model.Variant;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * End-to-end finite-difference check of every parameter of each variant (dropout on, with fixed
 * masks; straight-through offsets frozen at the base point so the surrogate is differentiable).
 */
class NetworkGradientTest {

    static ModelShape tiny(Variant v) {
        return new ModelShape(v, 7, 6, 8, 6, 0.3, 2, 3, 2, 4, 0.7, 0.1, 1e-5);
    }

    static Batch tinyBatch() {
        int[][] windows = {{0, 1, 2, 3, 1}, {4, 5}, {6, 0, 6, 2}};
        int[][] targets = {{1, 2, 3, 1, 5}, {5, 6}, {0, 6, 2, 3}};
        return Batch.of(windows, targets);
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void everyParameter(Variant variant) {
        check(tiny(variant));
    }

    @Test
    void everyParameterOfTwoStackedSasrecBlocks() {
        ModelShape one = tiny(Variant.SASREC);
        ModelShape two = new ModelShape(one.variant(), one.numItems(), one.dim(), one.ffnDim(), one.maxLen(),
                one.decay(), 0, 0, 0, 0, one.temperature(), one.dropout(), one.layerNormEps(), 2);
        assertThat(new SequenceNetwork(two, 21).params().get("block1.w_q")).isNotNull();
        check(two);
    }

    /** Blocks 1.. of LISA query the first block's histogram with the previous block's output. */
    @ParameterizedTest
    @EnumSource(value = Variant.class, names = {"LISA_BASE", "LISA_SOFT", "LISA_MINI"})
    void everyParameterOfTwoStackedLisaBlocks(Variant variant) {
        check(stacked(tiny(variant), 2));
    }

    /** The first LISA block queried by its input x (item + position) instead of the item's codes. */
    @ParameterizedTest
    @EnumSource(value = Variant.class, names = {"LISA_BASE", "LISA_SOFT", "LISA_MINI"})
    void everyParameterWithTheInputAsQuery(Variant variant) {
        check(inputQueried(tiny(variant), 1));
        check(inputQueried(tiny(variant), 2));
    }

    static ModelShape inputQueried(ModelShape one, int blocks) {
        return new ModelShape(one.variant(), one.numItems(), one.dim(), one.ffnDim(), one.maxLen(), one.decay(),
                one.codebooks(), one.codewords(), one.targetCodebooks(), one.targetCodewords(), one.temperature(),
                one.dropout(), one.layerNormEps(), blocks, AttentionQuery.INPUT);
    }

    /** lambda_b learned per codebook (log_decay), alone and with the input as query. */
    @ParameterizedTest
    @EnumSource(value = Variant.class, names = {"LISA_BASE", "LISA_SOFT", "LISA_MINI"})
    void everyParameterWithLearnedDecays(Variant variant) {
        for (AttentionQuery query : AttentionQuery.values()) {
            ModelShape one = tiny(variant);
            ModelShape shape = new ModelShape(one.variant(), one.numItems(), one.dim(), one.ffnDim(), one.maxLen(),
                    one.decay(), one.codebooks(), one.codewords(), one.targetCodebooks(), one.targetCodewords(),
                    one.temperature(), one.dropout(), one.layerNormEps(), 1, query, true);
            assertThat(new SequenceNetwork(shape, 21).params().get("log_decay").size()).isEqualTo(one.codebooks());
            check(shape);
        }
    }

    /**
     * Window blocks: LISA blocks 1.. attend exactly over the previous block's last W' outputs (head 0 of
     * their projections). The tiny batch's windows are up to 5 long, so W' = 2 cuts them; 3 blocks
     * chain two windows.
     */
    @ParameterizedTest
    @EnumSource(value = Variant.class, names = {"LISA_BASE", "LISA_SOFT", "LISA_MINI"})
    void everyParameterWithWindowBlocks(Variant variant) {
        ModelShape one = tiny(variant);
        for (int blocks : new int[] {2, 3}) {
            check(new ModelShape(one.variant(), one.numItems(), one.dim(), one.ffnDim(), one.maxLen(), one.decay(),
                    one.codebooks(), one.codewords(), one.targetCodebooks(), one.targetCodewords(), one.temperature(),
                    one.dropout(), one.layerNormEps(), blocks, AttentionQuery.CODES, false, 2));
        }
    }

    static ModelShape stacked(ModelShape one, int blocks) {
        return new ModelShape(one.variant(), one.numItems(), one.dim(), one.ffnDim(), one.maxLen(), one.decay(),
                one.codebooks(), one.codewords(), one.targetCodebooks(), one.targetCodewords(), one.temperature(),
                one.dropout(), one.layerNormEps(), blocks);
    }

    private static void check(ModelShape shape) {
        Variant variant = shape.variant();
        SequenceNetwork net = new SequenceNetwork(shape, 21);
        Batch batch = tinyBatch();
        int[] neg = new int[batch.positions()];
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < neg.length; i++) {
            neg[i] = r.nextInt(shape.numItems());
        }
        int count = batch.targetCount();
        net.forward(batch, true, new SplittableRandom(5));
        if (net.items().quantizer() != null && variant != Variant.LISA_SOFT) {
            net.items().quantizer().freezeStraightThrough(net.items().quantizer().straightThroughOffset());
        }
        if (net.items().targetQuantizer() != null) {
            net.items().targetQuantizer().freezeStraightThrough(net.items().targetQuantizer().straightThroughOffset());
        }
        DoubleSupplier loss = () -> {
            float[] z = net.forward(batch, true, new SplittableRandom(5));
            return BceLoss.evaluate(z, net.tables().target(), batch.targets(), neg, count, shape.dim(), null, null)
                    + net.items().auxLoss();
        };
        net.params().zeroGrad();
        float[] z = net.forward(batch, true, new SplittableRandom(5));
        float[] gz = new float[z.length];
        float[] gt = new float[shape.numItems() * shape.dim()];
        BceLoss.evaluate(z, net.tables().target(), batch.targets(), neg, count, shape.dim(), gz, gt);
        net.backward(gz, gt);
        for (Param p : net.params().all()) {
            GradCheck.check(variant + " x" + shape.blocks() + " query " + shape.query() + " " + p.name(), loss, p.value, p.grad.clone(), 40,
                    p.name().hashCode());
        }
    }
}
