package cn.insurer.archive.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.index.Term;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which queries show the documents with every word first: what the user typed as words, not a pasted text. */
class RankingTest {

    private static final UserQueryParser PARSER = new UserQueryParser(new ArchiveAnalyzers());
    private static final Query TYPED = new TermQuery(new Term(ArchiveFields.CONTENT_WORDS, "typed"));

    @ParameterizedTest
    @ValueSource(strings = {"家财险", "张伟 车险", "暴雨 浸泡", "张伟 车险 追尾 定损", "张伟 车险 追尾定损 上海 浦东",
            "CL-2025-000042 张伟", "\"追尾碰撞事故\" 张伟", "暴雨 地下室 地震 OR 张伟 车险 追尾"})
    void wordsTheUserChoseShowDocumentsWithEveryWordFirst(String typed) {
        assertSame(TYPED, Ranking.SHIPPED.every(PARSER, PARSER.text(typed), TYPED), typed);
    }

    @ParameterizedTest
    @ValueSource(strings = {"暴雨导致地下室进水浸泡电器损坏", "使用 apt 安装软件包和更新系统", "显示系统中正在运行的进程信息",
            "被保险人驾驶车辆 在浦东新区发生交通事故", "张伟 车险 OR 暴雨导致地下室进水浸泡"})
    void aPastedTitleOrSentenceIsRankedByItsWordsAlone(String typed) {
        assertInstanceOf(MatchNoDocsQuery.class, Ranking.SHIPPED.every(PARSER, PARSER.text(typed), TYPED), typed);
    }

    @ParameterizedTest
    @ValueSource(strings = {"暴雨导致地下室进水浸泡电器损坏", "张伟 车险 追尾 定损"})
    void theRankingBeforeHeldEveryWordFirstForAnyQuery(String typed) {
        assertSame(TYPED, Ranking.EVERY_WORD_FIRST.every(PARSER, PARSER.text(typed), TYPED), typed);
    }

    @ParameterizedTest
    @ValueSource(strings = {"读写变量", "给文件编行号", "清空一个表", "删除空目录", "水管爆裂"})
    void aRunOfSeveralWordsIsRelaxed(String typed) {
        assertNotNull(Ranking.SHIPPED.some(PARSER, PARSER.text(typed)), typed);
    }

    @ParameterizedTest
    @ValueSource(strings = {"家财险", "张伟", "交强险", "关闭流", "理赔"})
    void aWordAsTypedIsNotSplit(String typed) {
        assertNull(Ranking.SHIPPED.some(PARSER, PARSER.text(typed)), typed);
    }

    @ParameterizedTest
    @ValueSource(strings = {"计算并校验信息摘要", "更改用户密码过期信息", "被保险人驾驶车辆发生交通事故"})
    void aTitlesCharacterPairsCountInTheOpening(String typed) {
        String query = Ranking.SHIPPED.some(PARSER, PARSER.text(typed)).toString();
        int pairs = typed.length() - 1;
        assertEquals(pairs, openingPairs(query), query);
        assertEquals(0, openingPairs(Ranking.WORDS_IN_OPENING.some(PARSER, PARSER.text(typed)).toString()));
    }

    @Test
    void aPastedParagraphsCharacterPairsDoNotCountInTheOpening() {
        String paragraph = SearchCorpus.LONG_STATEMENT.substring(0, SearchRequest.MAX_QUERY_LENGTH);
        assertEquals(0, openingPairs(Ranking.SHIPPED.some(PARSER, PARSER.text(paragraph)).toString()));
    }

    /** Clauses looking for a pair of characters of the bigram field among the opening's positions. */
    private static int openingPairs(String query) {
        return query.split("spanFirst\\(" + ArchiveFields.CONTENT + ":", -1).length - 1;
    }
}
