package dev.steward.cluster.layout;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;

import java.util.List;

/** The nodes holding one partition in the current layout. */
@MappedEntity("partition_assignment")
public record PartitionAssignment(@Id Integer partition, @TypeDef(type = DataType.STRING_ARRAY) List<String> nodeIds) {
}
