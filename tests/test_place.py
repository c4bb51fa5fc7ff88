"""Placement: ads in a pyramid at the foot; articles in stepped shapes over the free lines, nothing dropped."""

from __future__ import annotations

from volna_print.layout.place import Need, PhotoNeed, leaf_choice, new_page, place_articles, stack_ads

LINES = 95  # an inner page: 12 modules of 7 lines with a line between them


def no_overlap(frames) -> bool:
    """Return whether no two module frames share a module."""
    seen: set = set()
    for frame in frames:
        if seen & frame.cells():
            return False
        seen |= frame.cells()
    return True


def need(lines: int, head: int = 4, spans=(1, 5), photo=None) -> Need:
    """Return a need with the same head height at every span."""
    return Need(lines, {n: head for n in range(1, 6)}, spans, photo)


def cells(placement) -> set[tuple[int, int]]:
    """Return the (column, line) cells a placement covers."""
    return {(placement.col + k, y) for k, bottom in enumerate(placement.bottoms)
            for y in range(placement.top, bottom)}


def test_ads_stack_at_the_foot_largest_lowest():
    frames = stack_ads([(1, 1), (2, 3), (3, 2)], set(), 5, 12)
    assert all(f is not None for f in frames)
    small, tall, wide = frames
    assert tall.row + tall.rows - 1 == 12 and wide.row + wide.rows - 1 == 12  # both sit on the foot
    assert small.row + small.rows - 1 < 12  # the smallest goes on top of the pile
    assert no_overlap(frames)


def test_ads_that_do_not_fit_are_reported_as_none():
    assert stack_ads([(5, 12), (1, 1)], set(), 5, 12)[1] is None


def test_an_article_steps_down_beside_the_ads():
    page = new_page(5, LINES)
    page.take(3, 2, 64, LINES)  # an ad 2 columns wide in the last four modules
    placements, _, _ = place_articles([need(5 * 91)], page)
    assert placements is not None
    (only,) = placements
    assert only.col == 0 and only.top == 0
    assert only.bottoms == (LINES, LINES, LINES, 63, 63)  # down to the foot, or to the line above the ad


def test_a_hand_frame_in_column_one_drops_no_article():
    page = new_page(5, LINES)
    page.take(0, 1, 0, 47)  # a hand frame: column 1, six modules from the top
    needs = [need(120), need(60), need(30)]
    placements, _, _ = place_articles(needs, page)
    assert placements is not None and len(placements) == 3
    taken = [cells(p) for p in placements]
    assert all(not (a & b) for i, a in enumerate(taken) for b in taken[i + 1:])
    assert all(not any((0, y) in t for y in range(0, 48)) for t in taken)  # nothing under the hand frame


def test_articles_never_overlap_and_keep_reading_order_top_left():
    page = new_page(5, LINES)
    needs = [need(200, spans=(3, 5)), need(80), need(60), need(40, spans=(1, 2))]
    placements, _, _ = place_articles(needs, page)
    assert placements is not None
    taken = [cells(p) for p in placements]
    assert all(not (a & b) for i, a in enumerate(taken) for b in taken[i + 1:])
    first = placements[0]
    assert (first.col, first.top) == (0, 0)  # the first story stands at the top left


def test_a_brief_goes_narrow():
    page = new_page(5, LINES)
    needs = [need(300, spans=(3, 5)), need(20, spans=(1, 2)), need(120, spans=(2, 4))]
    placements, _, _ = place_articles(needs, page)
    assert placements is not None
    assert len(placements[1].bottoms) <= 2


def test_a_lead_set_narrower_than_its_rank_wants_costs_more_than_a_lesser_text():
    heads = {n: 4 for n in range(1, 6)}
    lead, secondary, brief = (Need(70, heads, (3, 5), weight=w) for w in (3, 1, 0))
    narrow = (40, 40)  # two columns where three are wanted, the same fill for all three
    assert leaf_choice(lead, narrow)[0] > leaf_choice(secondary, narrow)[0] == leaf_choice(brief, narrow)[0]
    wide = (28, 28, 28)
    assert leaf_choice(lead, wide)[0] < leaf_choice(lead, narrow)[0]


def test_the_photo_takes_up_what_the_text_leaves():
    page = new_page(2, 40)
    photo = PhotoNeed(((1, 6, 20), (2, 6, 20)))
    placements, _, _ = place_articles([need(50, head=3, photo=photo)], page)
    assert placements is not None
    choice = placements[0].choice
    # 2 columns × 37 lines under the head = 74; the text takes 50, the photo the rest in whole lines
    assert choice.photo_span >= 1 and choice.underset <= choice.photo_span
    assert choice.capacity == 74 - choice.photo_span * choice.photo_lines


def test_too_much_text_is_overset_not_dropped():
    page = new_page(5, LINES)
    placements, _, _ = place_articles([need(900), need(900)], page)
    assert placements is not None and len(placements) == 2
    assert sum(p.choice.overset for p in placements) > 0


def test_text_wraps_a_box_in_the_middle_of_its_columns():
    page = new_page(3, LINES)
    page.take(1, 2, 24, 47)  # a hand frame across columns 2–3, modules 4–6: free above and below it
    placements, _, _ = place_articles([need(200)], page)
    assert placements is not None
    (only,) = placements
    assert only.top == 0 and len(only.bottoms) == 3
    assert only.bottoms[1:] == (23, 23)  # down to the line above the box …
    assert [(k, top) for k, top, _ in only.wraps] == [(1, 48), (2, 48)]  # … and on under it, to the foot
    assert all(bottom == LINES for _, _, bottom in only.wraps)
    assert only.choice.overset == 0


def test_runs_under_an_inset_read_on_in_their_column_and_under_a_band_after_the_columns_above():
    page = new_page(3, LINES)
    page.take(1, 2, 24, 47)  # a box in columns 2–3: column 1 passes beside it
    (inset,), _, _ = place_articles([need(200)], page)
    assert inset.wraps_read() == ([(1, 48, LINES), (2, 48, LINES)], [])
    page = new_page(3, LINES)
    page.take(0, 3, 24, 47)  # an ad across all three columns: the text below it is a lower deck
    (banded,), _, _ = place_articles([need(200)], page)
    insets, decks = banded.wraps_read()
    assert insets == [] and [(k, top) for k, top, _ in decks] == [(0, 48), (1, 48), (2, 48)]


def test_a_head_may_stand_over_a_box_that_leaves_no_room_for_text():
    page = new_page(3, LINES)
    page.take(1, 2, 7, LINES)  # a box across columns 2–3 from the second module down: 6 lines above it
    placements, _, _ = place_articles([need(LINES - 10, head=4)], page)
    assert placements is not None
    (only,) = placements
    assert only.head_cols == 3 and only.top == 0  # the head spans the box's columns too
    assert only.choice.capacity == LINES - 4  # but the text is only in column 1, under the head


def test_a_lead_wraps_a_corner_of_a_later_story_in_a_gamma():
    page = new_page(5, LINES)
    page.cuts |= {r * 8 - 1 for r in range(1, 12)}  # module lines, as the engine gives them
    lead = need(3 * 90 + 2 * 40, spans=(5, 5))  # wants all five columns for its head
    second = need(2 * 40, spans=(2, 2))  # a two-column story
    placements, _, tree = place_articles([lead, second], page)
    assert placements is not None and tree is not None and tree[0] == "c"
    first, other = placements
    assert first.col == 0 and first.head_cols == 5  # the head across the page …
    short = [k for k, bottom in enumerate(first.bottoms) if bottom < LINES]
    assert len(short) == 2 and other.col == short[0] and len(other.bottoms) == 2  # … the story under two columns
    assert other.top > first.bottoms[short[0]] and other.bottoms == (LINES, LINES)
    assert first.choice.overset == 0 and other.choice.overset == 0


def test_a_tree_kept_from_a_round_with_fewer_articles_is_searched_afresh():
    page = new_page(5, LINES)
    _, _, tree = place_articles([need(200), need(100)], page)  # a round that left the third article out
    placements, _, fresh = place_articles([need(200), need(100), need(60)], page, tree)
    assert placements is not None and len(placements) == 3 and fresh != tree


def test_a_page_memo_carried_from_search_to_search_changes_no_result():
    from volna_print.layout.place import SearchMemo

    page = new_page(5, LINES)
    page.take(3, 2, 60, LINES)  # an ad at the foot of the last two columns
    page.cuts |= {r * 8 - 1 for r in range(1, 12)}
    memo = SearchMemo()
    rounds = [[need(200, spans=(3, 5)), need(80), need(60), need(40, spans=(1, 2))],
              [need(230, spans=(3, 5)), need(80), need(60), need(40, spans=(1, 2))],  # the lead edited
              [need(230, spans=(3, 5)), need(80), need(75), need(40, spans=(1, 2))],
              [need(200, spans=(3, 5)), need(80), need(60), need(40, spans=(1, 2))]]  # and back
    for needs in rounds:
        assert place_articles(needs, page, memo=memo) == place_articles(needs, page)  # a fresh search's
    assert memo.solved and memo.choices and memo.shapes  # and it did carry what the searches worked out
