package org.peakpilot.admission;

import io.swagger.v3.oas.annotations.media.Schema;

/** What a project is: a new plant, an expansion of one, or a revamp (技术改造) of an existing plant with a baseline. */
@Schema(name = "ProjectKind", description = "NEW (新建), EXPANSION (扩建) or REVAMP (改建/技改, with the existing plant's baseline) · 项目类型")
public enum ProjectKind {
	/** 新建. */
	NEW,
	/** 扩建: the figures are the expansion's own. */
	EXPANSION,
	/** 改建、技术改造: the figures are the plant after the revamp; the baseline is the plant before it. */
	REVAMP
}
