package org.peakpilot.projects.internal;

import io.swagger.v3.oas.annotations.media.Schema;

/** A key project's stage (储备/在建/建成/投运), in the order a project passes them. */
@Schema(name = "KeyProjectStage", description = "RESERVE 储备, UNDER_CONSTRUCTION 在建, COMPLETED 建成, IN_OPERATION 投运 · 项目阶段")
public enum KeyProjectStage {
	RESERVE("储备"), UNDER_CONSTRUCTION("在建"), COMPLETED("建成"), IN_OPERATION("投运");

	private final String zh;

	KeyProjectStage(String zh) {
		this.zh = zh;
	}

	/** The Chinese name, as the plan and the import template write it. */
	public String zh() {
		return zh;
	}

	/** Finished: built (建成) or in operation (投运); such a project is never late. */
	public boolean finished() {
		return this == COMPLETED || this == IN_OPERATION;
	}

	/** The stage named by its code ({@code UNDER_CONSTRUCTION}) or its Chinese name ({@code 在建}); null if neither. */
	public static KeyProjectStage parse(String text) {
		if (text == null) {
			return null;
		}
		String t = text.strip();
		for (KeyProjectStage s : values()) {
			if (s.name().equalsIgnoreCase(t) || s.zh.equals(t)) {
				return s;
			}
		}
		return null;
	}
}
