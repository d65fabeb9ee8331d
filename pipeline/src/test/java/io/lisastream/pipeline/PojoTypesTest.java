package io.lisastream.pipeline;

import io.lisastream.operator.ClickEvent;
import io.lisastream.operator.ModelAnnouncement;
import io.lisastream.operator.Recommendation;
import org.apache.flink.types.PojoTestUtils;
import org.junit.jupiter.api.Test;

/** Everything that travels between the job's operators is a Flink POJO: no Kryo (pipeline.generic-types is off). */
class PojoTypesTest {
    @Test
    void recordsTravelAsPojosWithoutKryo() {
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(RawRecord.class);
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(DeadLetter.class);
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(ClickEvent.class);
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(ModelAnnouncement.class);
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(Recommendation.class);
    }
}
