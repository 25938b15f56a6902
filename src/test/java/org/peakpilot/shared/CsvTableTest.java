package org.peakpilot.shared;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CsvTableTest {

	@Test
	void readsQuotedCellsWithCommasQuotesAndLineBreaks() {
		CsvTable t = CsvTable.parse("\uFEFFa,b,c\r\n1,\"x, y\",\"say \"\"hi\"\"\"\n2,\"two\nlines\",\n\n");
		assertThat(t.header()).containsExactly("a", "b", "c");
		assertThat(t.rows()).hasSize(2);
		assertThat(t.rows().get(0).get("b")).isEqualTo("x, y");
		assertThat(t.rows().get(0).get("c")).isEqualTo("say \"hi\"");
		assertThat(t.rows().get(1).get("b")).isEqualTo("two\nlines");
		assertThat(t.rows().get(1).get("c")).isEmpty();
		assertThat(t.rows().get(1).line()).isEqualTo(3);
	}

	@Test
	void namesTheLineOfARowWithTooManyCells() {
		assertThatIllegalArgumentException().isThrownBy(() -> CsvTable.parse("a,b\n1,2\n1,2,3\n")).withMessageContaining("line 3");
	}

	@Test
	void requireNamesLineAndColumn() {
		CsvTable t = CsvTable.parse("a,b\n1,\n");
		assertThatIllegalArgumentException().isThrownBy(() -> t.rows().get(0).require("b"))
			.withMessageContaining("line 2").withMessageContaining("'b'");
	}
}
