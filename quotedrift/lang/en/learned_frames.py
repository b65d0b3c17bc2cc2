"""Verb frames PolNeAR train annotates as attributions, with their counts.

Learned from PolNeAR train by ``python benchmarks/polnear_extract.py --split train --learn``
(which prints this text); never edited by hand.
"""

from __future__ import annotations

# Verb forms and how often PolNeAR train annotates their frame (``reported.frame``: a clausal
# complement "c", or an object or infinitive "o") as an attribution's content, outside
# quotation marks: "form:shape:hits/occurrences", for forms seen 3+ times with hits >= 50%.
# Regenerate with ``python benchmarks/polnear_extract.py --split train --learn``.
LEARNED_FRAMES_TEXT = """
    accused:o:45/57 accuses:o:3/6 accusing:o:8/10 acknowledge:c:10/10 acknowledged:c:24/25
    acknowledged:o:9/11 acknowledges:c:3/3 acknowledging:c:7/8 acquiesced:o:2/3
    activated:o:2/3 adapt:o:2/3 added:c:47/65 adding:c:21/25 admire:o:2/3 admit:c:3/4
    admitted:c:10/14 admitting:c:2/3 advocates:o:3/4 advocating:o:3/3 affected:o:4/4
    agree:c:8/12 agree:o:3/5 agreed:c:15/15 agreed:o:28/38 agreeing:o:2/3 agrees:o:2/4
    aimed:o:2/4 aiming:o:4/6 aired:o:2/3 alleged:c:4/4 alleging:c:4/4 allow:c:16/29
    allowed:c:10/19 allowing:c:3/6 alluding:o:2/3 angered:o:3/5 announce:o:6/8
    announced:c:50/53 announced:o:35/42 announcing:c:4/4 announcing:o:5/9 answer:o:8/11
    apologize:o:3/5 apologized:o:4/6 appears:c:6/8 appears:o:29/49 applauded:o:3/5
    appoint:o:3/5 appointed:o:5/10 approved:o:3/6 argue:c:21/23 argued:c:44/50 argued:o:6/9
    argues:c:7/8 arguing:c:19/21 arguing:o:3/3 ask:c:4/5 asked:c:62/81 asked:o:63/87
    asking:c:6/6 asking:o:16/19 asks:o:3/6 assailed:o:3/3 asserted:c:8/8 assess:c:2/4
    assuage:o:2/3 assume:c:5/8 assumes:c:2/3 assure:c:3/4 assured:c:8/8 attack:o:8/13
    attacked:o:15/21 attempted:o:6/12 attempting:o:5/8 authorized:o:4/6 avoided:o:4/7
    back:o:11/22 became:c:3/6 begged:o:3/4 believe:c:45/75 believed:c:16/19 believes:c:27/37
    believing:c:4/6 benefit:o:3/5 blame:o:10/15 blamed:o:11/14 blames:o:3/4 blaming:o:2/3
    blasted:o:14/15 blasting:o:3/3 blocked:o:6/9 bothered:o:2/3 boycott:o:2/4 bragged:o:2/3
    brushed:o:4/5 call:o:26/38 called:o:80/127 calling:o:25/43 calls:o:18/27 captured:c:2/3
    care:o:6/11 cared:o:2/3 cast:o:26/48 cautioned:o:3/4 challenged:o:7/10 championed:o:2/3
    characterized:o:3/3 charge:o:2/4 charged:c:3/5 chose:o:6/10 chosen:o:5/9
    circulating:o:2/3 cited:c:3/3 cited:o:29/32 cites:o:5/7 citing:o:23/26 claim:c:6/6
    claim:o:7/8 claimed:c:17/18 claimed:o:8/13 claiming:c:11/14 claims:c:6/7 come:c:3/4
    comment:o:13/21 commented:o:4/4 commenting:o:2/3 communicate:o:2/4 compare:o:2/4
    compared:o:7/11 comparing:o:4/7 compelled:o:2/4 complain:c:2/3 complained:c:7/8
    complained:o:3/6 conceded:c:4/4 conclude:c:3/3 concluded:c:11/19 condemned:o:7/9
    confirm:o:3/6 confirmed:c:9/10 confirmed:o:5/7 confront:o:4/7 congratulated:o:6/7
    congratulating:o:2/3 consider:c:5/9 considered:c:2/4 considered:o:5/10 considers:c:4/5
    considers:o:2/3 contends:c:3/3 continued:o:24/37 contradict:o:2/4 contrasting:o:4/6
    convince:c:3/3 convinced:c:2/3 counter:o:3/6 cover:o:9/17 crediting:o:3/3
    criticize:o:5/8 criticized:o:42/48 criticizing:o:5/9 decided:o:21/34 deciding:o:2/4
    declare:c:4/4 declare:o:3/3 declared:c:16/18 declared:o:5/9 declaring:c:4/4
    declined:o:60/74 decried:o:4/5 deemed:o:4/8 defended:o:23/29 defending:o:5/8
    demanded:o:3/5 demanding:c:2/3 demands:o:3/3 demonstrate:c:4/4 denied:c:9/9
    denounced:o:11/13 denouncing:o:7/9 describe:o:7/13 described:o:23/35 describes:o:3/4
    describing:o:7/9 detailing:o:2/3 determined:c:4/7 determined:o:2/3 determining:c:3/3
    devoted:o:6/11 differ:o:3/3 disagree:c:3/3 disagree:o:3/4 disagrees:o:2/4
    disclosed:o:4/5 discuss:c:2/3 discuss:o:25/37 discussed:o:9/13 dismissed:o:15/16
    dismisses:o:3/3 dismissing:o:2/3 displayed:o:3/5 distinguish:o:2/3 doubles:o:2/3
    doubling:o:2/3 doubt:c:4/4 doubted:c:3/3 downplayed:o:3/4 draft:o:3/5 ease:o:5/5
    echoed:o:9/13 echoing:o:4/5 emailed:o:4/8 empathize:o:2/3 emphasized:c:5/6
    emphasizing:o:4/6 encourage:o:7/12 encouraged:o:7/9 endorsed:c:3/3 endorsed:o:28/39
    endorsing:o:5/8 estimate:c:3/3 estimated:c:7/8 estimates:c:2/3 examined:o:2/4
    exceed:o:2/4 expect:c:9/12 expect:o:6/12 expected:c:3/6 expecting:o:7/10 expects:c:3/4
    explain:c:8/11 explained:c:11/15 explained:o:5/7 explaining:c:6/7 explains:c:4/4
    explore:o:2/3 express:o:8/9 expressed:o:34/38 expressing:o:3/5 extend:o:3/5
    facilitated:o:2/3 failing:o:4/8 favor:o:3/6 fear:c:7/10 feared:o:2/4 fearing:c:3/3
    fears:c:4/4 file:o:4/6 filed:o:9/18 find:c:9/12 finding:c:2/3 finds:c:8/11
    focused:o:18/36 focuses:o:5/7 focusing:o:6/8 forget:c:3/3 found:c:50/64 framed:o:2/4
    freed:o:2/4 granting:o:2/3 guess:c:4/7 hacking:o:2/3 hailed:o:3/3 hailing:o:2/3
    hand:o:2/4 happens:o:2/4 having:c:3/6 highlighted:o:7/9 highlighting:o:4/8
    highlights:o:2/3 hired:o:8/15 hope:c:10/17 hoped:c:17/18 hoped:o:6/11 hopes:c:12/15
    hopes:o:9/12 hoping:c:6/9 hoping:o:15/20 identified:o:8/13 ignore:o:7/12 ignored:o:6/10
    imagine:c:3/5 implied:c:3/4 implying:c:4/4 improved:o:2/4 indicate:c:8/9
    indicated:c:20/21 indicated:o:2/3 indicates:c:4/5 insist:c:13/14 insisted:c:19/20
    insisting:c:3/5 insists:c:4/5 instructed:o:4/6 intend:o:2/3 intended:o:7/12
    intends:o:4/7 introduce:o:2/3 introduces:o:2/3 introducing:o:3/6 invoked:o:6/9
    involving:o:2/3 issue:o:3/5 issued:o:19/28 joined:c:2/3 joked:c:3/3 joked:o:2/3
    joking:c:3/3 knocked:o:3/4 knows:c:12/18 knows:o:5/9 laid:o:11/19 lambasted:o:2/3
    lamented:o:2/4 lays:o:3/4 learn:o:6/11 learned:c:12/14 lectured:o:2/4 letting:c:2/4
    likened:o:6/6 lists:o:4/4 lives:o:2/4 lobbied:o:3/6 look:o:8/15 looking:o:23/39
    lower:o:2/4 maintained:c:4/7 marks:o:2/3 mention:c:3/3 mention:o:12/13 mentioned:o:13/18
    mentions:o:3/5 mocked:o:8/12 mocking:o:4/5 mounted:o:2/3 name:o:5/10 named:o:10/12
    negotiated:o:2/3 note:c:4/4 noted:c:61/64 noted:o:11/11 notes:c:6/6 noticed:c:3/5
    noting:c:18/19 noting:o:2/3 offer:o:18/33 offered:o:30/48 opposed:o:21/31 opposing:o:3/6
    ordered:o:11/15 outlined:o:4/4 painting:o:3/5 passes:o:2/3 perceived:o:2/3
    persuade:o:5/8 persuaded:o:4/5 persuading:o:2/3 pivot:o:2/4 pivoted:o:3/4 plan:o:8/14
    planned:o:12/22 planning:o:10/20 plans:o:28/38 pleaded:o:4/6 pledging:o:2/3 point:c:4/6
    pointed:c:17/18 pointed:o:15/20 pointing:c:4/4 pointing:o:10/17 points:c:4/4
    points:o:4/7 poised:o:3/3 portray:o:4/4 portrayed:o:5/9 posted:c:4/4 posted:o:13/25
    posting:o:2/4 praise:o:2/4 praised:o:25/30 praising:o:3/3 predicted:c:11/13
    predicted:o:3/5 predicting:c:4/5 predicting:o:2/3 prefer:c:3/6 prefer:o:7/12
    preferred:o:4/5 press:o:7/8 pressed:o:5/7 pressing:o:2/4 pressured:o:2/3 process:o:2/3
    prohibits:o:2/3 projected:o:3/3 promised:c:4/5 promised:o:18/25 promising:o:9/12
    proposed:o:18/21 proposing:o:5/9 proved:c:2/3 pushed:o:15/27 pushing:o:10/20
    question:c:4/4 question:o:5/10 questioned:c:10/11 questioned:o:14/15 questioning:c:5/6
    questioning:o:5/9 quoted:o:5/6 quoting:o:2/4 railed:o:4/6 ratcheted:o:2/3 ratify:o:2/3
    reacted:o:3/5 read:o:8/16 realize:c:4/6 realized:c:6/6 rebut:o:3/4 recall:o:2/4
    recalled:c:9/14 recalling:o:9/13 recognize:c:5/8 recognize:o:7/10 recognized:c:3/3
    recognized:o:3/3 recommend:o:2/4 recommended:c:2/3 recounted:o:3/4 refer:o:3/4
    referenced:o:4/5 referred:o:6/11 referring:o:31/45 reflected:o:4/6 reform:o:2/3
    refuse:o:6/10 refused:o:34/41 refuses:o:7/8 refusing:o:8/9 reiterated:c:3/3
    reiterated:o:8/11 reject:o:7/10 rejected:o:23/26 rejecting:o:3/6 released:o:22/44
    remember:c:5/10 remember:o:3/5 reminded:o:7/8 reminding:c:3/4 reminds:c:2/3 render:o:2/3
    renewed:o:3/4 repeal:o:2/4 repeat:o:2/4 repeated:o:3/5 repeating:o:5/7 replied:c:2/3
    report:c:3/3 report:o:4/4 reported:c:45/52 reports:c:9/10 requested:o:5/9 require:c:3/4
    resign:o:2/4 resist:o:2/3 resisted:o:2/4 respond:o:30/50 responded:c:3/4
    responded:o:10/20 retweeted:o:2/3 reveal:c:3/3 reveal:o:4/7 revealed:c:18/20
    revealed:o:6/11 revealing:o:2/3 reveals:c:3/4 reveals:o:2/3 rolled:o:2/4 ruled:c:4/7
    said:c:1592/1938 said:o:18/30 saw:o:18/35 say:c:199/242 saying:c:98/127 says:c:218/237
    says:o:9/13 scramble:o:3/4 seeking:o:21/41 seeks:o:10/16 seemed:o:39/71 seems:o:24/45
    sees:c:2/3 sees:o:15/29 share:o:9/17 shares:o:4/6 shot:c:2/3 show:c:48/62 showed:c:40/53
    showed:o:22/38 showing:c:10/12 showing:o:7/13 shown:o:11/19 shows:c:39/50 shows:o:17/21
    sided:o:2/4 signal:o:2/4 signaled:c:4/4 signaled:o:4/5 singled:o:3/4 slammed:o:6/6
    slamming:o:3/3 slash:o:2/3 sought:o:41/65 sounded:o:5/6 sparking:o:3/4 sponsored:o:2/4
    spotted:o:2/4 stated:c:6/8 stated:o:2/4 states:c:2/3 step:o:4/7 stoked:o:3/3
    stressed:o:7/9 struggling:o:6/12 suffer:o:2/4 suggest:c:26/30 suggest:o:2/3
    suggested:c:75/83 suggested:o:4/6 suggesting:c:25/27 suggesting:o:2/4 suggests:c:21/25
    supported:o:29/44 surprise:c:2/3 suspected:c:3/3 talked:o:19/21 talking:o:25/48
    talks:o:5/8 taxing:o:2/3 teach:o:2/4 tell:c:12/20 telling:c:11/15 tells:c:9/10
    tells:o:2/4 tended:o:2/4 thank:o:2/3 thanked:o:6/6 thanking:o:4/4 think:c:74/141
    think:o:8/16 thinking:c:2/4 thinking:o:4/4 thinks:c:29/38 thinks:o:4/6 thought:c:23/43
    threaten:o:6/7 threatened:o:9/14 threatening:o:5/7 ticked:o:2/4 tie:o:3/5 told:c:128/157
    touted:o:5/9 touting:o:6/7 touts:o:3/3 trading:o:2/3 tweeted:c:6/9 tweeted:o:10/15
    tweeting:o:8/10 tying:o:2/4 underscored:o:3/4 underscores:o:3/6 underscoring:o:3/4
    understand:c:6/8 understands:c:3/5 understood:o:3/6 unveiled:o:4/7 upended:o:2/3
    urge:o:2/3 urged:c:3/3 urged:o:31/37 urging:o:14/17 uttered:o:2/3 view:o:10/16
    viewed:o:3/6 views:o:7/9 voiced:o:8/13 vowed:o:25/26 vowing:o:5/6 vows:o:4/4
    wanted:c:3/5 wanted:o:30/53 wants:c:11/16 warn:c:4/5 warned:c:12/12 warned:o:7/10
    warning:c:4/4 warning:o:4/5 watched:c:2/4 watching:c:3/5 weighed:o:4/6 welcomed:o:8/14
    withdrew:o:3/3 withheld:o:3/3 wonder:c:8/9 wondered:c:3/3 wondering:c:3/4 worried:c:5/5
    worried:o:3/5 worries:c:2/3 worry:c:6/6 writes:c:3/4 writing:o:3/6 written:o:2/3
    wrote:c:31/45 yielded:o:2/3 zeroing:o:2/3
"""
