"""Warning signs in a patient's free text: the check that runs before anything else."""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz, process


@dataclass(frozen=True)
class Finding:
    """A warning sign found in a message: the sign id and the words that triggered it."""

    sign: str
    phrase: str


@dataclass(frozen=True)
class _Entry:
    """One way of putting a sign into words, and what else the clause must say for it to count."""

    sign: str
    term: re.Pattern[str]
    # Side effects that sources report as common only count with a severity or duration cue.
    qualifier: re.Pattern[str] | None = None
    # An event such as fainting needs a doctor even once it is over: only "used to" and the
    # like make it history.
    episode: bool = False
    # For "lips are not swollen": the negation sits inside the matched words.
    inner_negation: bool = False
    # Context that explains the words away ("out of breath at the gym").
    unless: re.Pattern[str] | None = None
    # Whether ``unless`` counts only in the words' own stretch of the clause ("dinner's in the
    # oven, the thermometer said 38.4": not that figure).
    unless_nearby: bool = False


_FACE = r"(?:face|facial|lips?|tongue|throat|eyes?|eyelids?|mouth|cheeks?|forehead|jaw)"
_SWELL = r"(?:swell\w*|swollen|puff\w*|bloat\w*|blown up|balloon\w*|enlarged|thick|bigger)"
_SIZE = (
    r"(?:size of|as big as|bigger than) (?:a |an |my )?(?:plum|golf ?ball|egg|fist|palm|hand|orange"
    r"|tennis ball|lemon|walnut|grape|saucer|coaster)|cover\w* (?:\w+ ){0,2}\d+ ?(?:inch\w*|cm)"
    r"|(?:moving|spreading|going|creeping|heading|travell?ing) (?:\w+ )?(?:towards?|into|onto|down"
    r" to|up to)"
)
_WORSE = (
    _SIZE + r"|2 ?x|x ?2|twice|double[ds]?|\d+ ?cm\b.{0,40}?\b\d+ ?cm"
    r"|whole (?:\w+ )?(?:side|scalp|head|back)|spread\w*|bigger|larger|wider|expand\w*"
    r"|worse\w*|worst|increas\w*|more and more"
    r"|grow\w* (?:bigger|larger|wider|worse)|(?<!hair )(?:is|are|its|keeps?|kept|been)"
    r" (?:still |on )?growing|twice as (?:big|large|wide)|doubled"
)
_MARK = (
    r"bruis\w*|bruse\w*|ha?ematoma|ecchymos\w*|black and blue|discolou?r\w*|blotch\w*|needle mark"
    r"|the knock"
    r"|(?:purple|purplish|purpel|dark|black|blue|bluish|green|yellowy|yellowish|plum|blue black"
    r"|coloured|colored)(?: \w+)?(?: coloured| colored)? (?:mark|patch|blotch|area|spot)(?:e?s)?"
    r"|(?:mark|patch|area) (?:\w+ ){0,9}(?:purple|purpel|blue|black|green|darker|dark)"
    r"|dic?olou?r\w*|(?:the|this|that) mark"
)
_DAYS = r"(?:[89]|[1-9]\d|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|twenty)"
_WEEKS = r"(?:[2-9]|two|three|four|five|six|several|a few|a couple of|couple of|few|many)"
_NUMBER_WORDS = "a|one|1"
_NEGATION = re.compile(
    r"\b(?:no|not|dont|doesnt|didnt|never|without|free of|isnt|wasnt|none|arent|werent"
    r"|havent|hasnt|hadnt|nor|neither|cant|cannot|couldnt|wont|nothings?|zero|nowhere)\b"
    # "0 spots weeping"; a window of words before a sign ends with the "0".
    r"|(?<![\d.,])0(?= [a-z]|$)"
)
# Look like negations but are not about the symptom ("not sure if", "can't wait").
_PSEUDO_NEGATION = re.compile(
    r"\b(?:not sure|no idea|dont know|didnt know|not certain|cant tell|not only|not just"
    r"|no doubt|no wonder|dont understand|no clue|didnt expect|dont want|didnt want|cant wait"
    r"|not (?:feeling )?(?:well|right|good|great|normal|ok|okay))\b"
)
_RESOLVED = (
    # "going down my neck" is a direction, not a recovery.
    r"(?:go(?:es|ne|ing)?|went) (?:down|away)(?! (?:from|to|my|towards|into|along|across)\b)"
    r"|gone(?! off| angry| shiny| septic| hot| swollen| puffy| lumpy| crusty| yellow| green| red"
    r"| hard| purple| black| dark\w*| bigger| worse| up| all| a "
    r"| really"
    r"| very| so| bright| weird| funny| deeper| down (?:in|on|at))"
    r"|wore off|worn off|wearing off|clear(?:ed|ing)(?: up)?|settl(?:ed|ing)(?: down)?|fad(?:ed"
    r"|ing|es)|disappear\w*"
    r"|subsid\w*|stopped|resolved|heal(?:ed|ing)(?: up)?"
    r"|calm(?:ed|ing) down|eas(?:ed|ing)(?: off)?|improv(?:ed|ing)|(?:getting|got|much) better"
    r"|passed(?! out)|recovered|sorted|broke|flatten\w*|shr[iu]nk\w*|shrank"
    # "It was smaller on Friday" compares with then: it has grown.
    r"|smaller(?! (?:on|yesterday|last|before|earlier|at first|this morning|when)\b)"
    r"|lighter|paler|fainter|already less|less (?:red"
    r"|swollen"
    r"|sore)"
    r"|dried (?:up|out)|(?:didnt|did not|doesnt|does not) last|no (?:recurrence|return)"
    r"|over it(?! all)|never (?:again|since|came back)|buggered off|cleared off"
    r"|(?:dropped|fell|came down|went down|down) to (?:0|zero|nothing|nil|1|2|one|two)(?! ?/)"
    r"|(?:hasnt|has not|havent|didnt|never) (?:\w+ )?repeated"
    r"|(?:never|hasnt|has not|not) happened (?:again|since)"
    # "Only lasted an hour", "lasted 2 min tops": short-lived, so over.
    r"|only (?:lasted|hung around)|didnt hang around"
    r"|lasted (?:only |just |about |around |maybe )?(?:a |an |\d+ |a few |few |a couple of )?"
    r"(?:seconds?|secs?|minutes?|mins?|moments?|hours?|hrs?|an hour|a minute)"
    r"|(?:hasnt|has not|havent|have not|didnt|did not|never|not) (?:\w+ )?(?:started|kicked off"
    r"|flared(?: up)?|begun|done (?:it|that)|happened) again"
    r"|(?:hasnt|havent|didnt|never|not) (?:\w+ )?(?:come"
    r"|came)"
    r" back|back to (?:normal|\d+(?:[.,]\d+)?)"
)
# Negated recovery ("hasn't gone down", "won't stop") means the sign is still there.
_PERSISTS = re.compile(
    r"\b(?:not|no|isnt|arent|hasnt|havent|hadnt|didnt|doesnt|dont|wont|never|cant|cannot"
    r"|wasnt|werent|wouldnt|instead of|rather than)\s+(?:\w+\s+){0,2}?(?:stop\w*|quit\w*|let up"
    r"|any better|better|" + _RESOLVED + r")\b"
)
_THEN = ("wouldnt", "didnt", "wasnt", "werent", "hadnt")
_RESOLUTION = re.compile(
    r"\b(?:" + _RESOLVED + r")(?:(?: (?!and\b|but\b|then\b|so\b)\w+)? now| again)?\b"
)
# "I'm fine now" says nothing about which sign: it only closes its own part of the clause.
_RECOVERY = re.compile(
    r"\b(?:(?:im|i am|i feel|i felt|feeling|feel|all|everything|its|it is|i was)"
    r" (?:(?!not\b|no\b|normally\b|usually\b)\w+ ){0,2}(?:fine|ok|okay|good|great|better"
    r"|normal(?! size| colou?r| shape)"
    r"|alright|grand)|(?:was|were|felt|been) (?:(?!not\b)\w+ )?(?:fine|grand|ok|okay|alright)"
    r"|nothing (?:there|left)(?: now)?|all gone|long over|long gone|ancient history|all over now"
    r"|(?:just )?a (?:distant |bad )?memory|no (?:probs?|problems?|issues?|trouble)(?: at all)? now"
    r"|not since"
    r"|(?:nothing|nothin|nthn|nuthin|none|0|zero|no more|no problems?|no issues?|no trouble) since"
    r"|(?:havent|hasnt|have not|has not|not|never) (?:had|felt|seen|noticed) (?:it|that|one|any"
    r"|anything|them|another)(?: again)? since"
    r"|(?:been|stayed|kept) (?:\w+ )?(?:clean|clear|dry)"
    r"|(?:skin|scalp|its|it is|everything)(?:s| is)? (?:just )?(?:\w+ )?(?:clear|clean|normal skin)"
    r"(?: again| now)?|human again|myself again|back to (?:myself|my old self)"
    r"|(?:never had|nothing) (?:anything )?like (?:it|that) since"
    r"|(?:fine|ok|okay|good|clear|clean) for (?:the (?:last|past) )?(?:\w+ )?(?:days?|weeks?"
    r"|months?|hours?|a while|ages)(?: now)?"
    r"|(?:fine|ok|okay|good|normal|alright) (?:ever )?since"
    r"|(?:fine|ok|okay|good|better|normal|alright) (?:now|rn|atm|right now)|back to normal"
    r"|that was (?:it|that)"
    r"|then (?:\w+ )?(?:fine|ok|okay|alright|normal)|steady as a rock|right as rain"
    r"|fit as a fiddle|(?:barely|hardly) (?:there|noticeable|anything)"
    r"|woke (?:up )?(?:\w+ )?(?:normal|fine|ok|okay|grand|right as rain)|slept it off"
    r"|(?:its|it is|thats|that is) (?:all )?(?:over|done|behind me))"
    # "All fine for months now": how long it has been fine, and since when.
    r"(?: for (?:the (?:last|past) )?(?:\w+ )?(?:days?|weeks?|months?|hours?|a while|ages))?"
    r"(?: now| again)?\b"
)
# Told after a sign, a recovery since then closes it, whatever part of the clause it is in:
# "dizzy spell at the clinic, lasted 2 min tops, ok since".
_SINCE_THEN = re.compile(
    r"\b(?:(?:fine|ok|okay|good|normal|alright|grand) (?:ever )?since|not since"
    r"|(?:nothing|nothin|nthn|nuthin|none|no more) since|back to normal|that was (?:it|that)"
    r"|(?:havent|hasnt|have not|has not|never) (?:had|felt|seen|noticed) (?:it|that|one|any"
    r"|anything|them|another)(?: again)? since)\b"
)
_STOPPED_BEFORE = re.compile(r"\b(?:stopped|quit|ceased|finished)\s+$")
_PRESENT = re.compile(
    r"\b(?:still|now|again|keeps?(?! (?:an|a close) eye| watch| track| in mind| thinking"
    r"| worrying| wondering| picturing| imagining| reading| googling| hearing)|keep on"
    r"|currently|at the moment"
    r"|theres|there is|there are|ive got|i have|because (?:it|mine|they) (?:is|are|does|do)"
    r"|(?:(?<=\w )(?:is|are|am)|im|its|theyre) (?:\w+ )?(?:spreading|swelling|oozing"
    r"|growing|getting|hurting|aching|throbbing|burning|leaking|weeping|bleeding|coming"
    r"|increasing|worsening|spinning|puffing|developing|forming|starting|happening|running"
    r"|going up|turning|closing|tightening|wheezing)"
    r"|(?:is|are|its|came|come|comes|coming|has come) back|returned|(?<!no )recurr\w*"
    r"|(?:is|are|its|theyre) (?:\w+ )?(?:bigger|larger|wider|worse|darker|redder|hotter)"
    # Two sizes, one after the other: it is growing.
    r"|\d+ ?cm\b.{0,40}?\b\d+ ?cm)\b"
)
_NOW = re.compile(r"\bnow\b")
# Now, unless the same clause says it has cleared ("much better since Saturday").
_TODAY = re.compile(
    r"\b(?:today|tonight|this (?:morning|afternoon|evening)|right now|rn|since(?= \w)(?! then))\b"
)
# "Can I still come on Friday?" is about plans, not about the sign still being there.
_NOT_PRESENT = re.compile(
    r"\b(?:can|could|should|may|will|would|do|shall|must)(?: i| we)? still\b"
    # "Can I book in now?" is about plans too.
    r"|\b(?:can|could|should|may|shall)(?: i| we) (?:\w+ ){0,3}now\b"
    r"|\b(?:starting|start|begin\w*|booking|book) (?:\w+ ){0,3}now\b"
    # "There's a small chance of infection": a risk, not something there.
    r"|\b(?:theres|there is) (?:a |an |some )?(?:\w+ )?(?:chance|risk|possibility|likelihood)\b"
    # "Would washing too soon make it bleed again?": a question of what may come.
    r"|\b(?:would|could|will|might|can) (?:\w+ ){1,8}again\b"
    # "I have asthma": a condition the patient lives with, not a sign now.
    r"|\b(?:i have|ive got|i am|im) (?:\w+ )?(?:asthma\w*|eczema|diabet\w*|allerg\w*|psoriasis"
    r"|anxiety|anaemi\w*|anemi\w*|epilep\w*|migraines?|a heart condition)\b"
    # "Still ok for Thursday?": the booking, not the sign.
    r"|\bstill (?:ok|okay|alright|fine|on|good|happening) (?:for|to|with)\b"
)
_LONG_AGO = (
    r"used to|years? ago|last year|as a (?:kid|child|teen\w*)|when i was (?:young\w*|little"
    r"|small|a kid|a child|a teen\w*|\d+|a baby)|in the past|my whole life|never since"
    r"|back in (?:19|20)\d\d|in my (?:teens|twenties|thirties|forties|20s|30s|40s)"
    r"|back in (?:jan\w*|feb\w*|march|april|may|june|july|aug\w*|sep\w*|oct\w*|nov\w*|dec\w*)"
    r"|(?:\d+|a|one|two|three|few|several|many) (?:yrs?|years?) ago|years ago|in (?:19|20)\d\d"
)
_PAST = re.compile(r"\b(?:" + _LONG_AGO + r")\b")
_RECENT_PAST = re.compile(
    r"(?<!since )(?<!from )(?<!until )(?<!than )(?<!of )\b(?:yesterday|yday|yest"
    r"|last (?:summer|winter"
    r"|spring|autumn"
    r"|fall|night|week\w*|time"
    r"|session|treatment|month|\w+day)|(?:\d+|a|one|two|three|four|few|couple of|several)"
    r" (?:days?|weeks?|months?) ago|(?<!\d )(?<!few )(?:days|weeks|months) ago|a fortnight ago"
    r"|earlier|the other day|remember (?:the|that|when)|last (?:mo|wk)|previous|prior|history of"
    r"|at first|initially|previously|(?:back )?in (?:the )?(?:spring|summer|autumn|winter)"
    r"|(?:back )?(?:at|over) christmas|in (?:jan|feb|april|june|july|aug|sept?|oct|nov|dec)\w*"
    r"|in (?:may|march)(?! be\b)|(?:back )?in the fall"
    r"|(?:the )?first (?:night|day|evening|morning)|on day (?:\d+|one|two|three)"
    r"|on the \d{1,2}(?:st|nd|rd|th)"
    r"|on (?:mon|tues|wednes|thurs|fri|satur|sun)day|tues|weds|thurs|" + _LONG_AGO + r")\b"
)
_HYPOTHETICAL = re.compile(
    r"\b(?:if|in case|whether|dont want|wouldnt want|risks?|chances?|prevent\w*|avoid\w*"
    r"|(?:what|whats|which|look out for|watch for|watch out for)(?: are| is)?(?: the)?"
    r"(?: warning)? (?:signs?|symptoms?)|warning signs?"
    r"|read about|reading about|heard about|seen (?:\w+ )?(?:stories|posts|videos)"
    # "The word abscess jumped out at me": a word read, not a sign had.
    r"|(?:the|that) (?:word|term|phrase)"
    r"|(?:is it|are they|would it be|do you mean) (?:things|stuff|symptoms|signs) like"
    # "The leaflet lists severe pain as a warning sign": what a text says.
    r"|(?:it|leaflet|booklet|sheet|handout|website|form|guide|page|article) (?:mentions|lists"
    r"|warns (?:about|of)|talks about|describes)"
    r"|stories (?:about|of)|difference between|in general|how common|how rare|rate of"
    r"|complications like"
    r"|(?:to|should|must) (?:watch|look) (?:out )?for"
    r"|(?:some |many |most |other )?(?:people|patients) (?:\w+ )?(?:get|have|develop)"
    r"|(?:could|can|will|might|would|do|does) (?:i|you|u|ya|one|someone|anyone|it|people"
    r"|patients|this) (?:\w+ )?"
    r"(?:get|have|cause|develop|give|end up)|(?:does|do|can|could|will|would|might) (?:\w+ ){1,4}"
    r"(?:cause|give|lead to|trigger|make|set off|bring on|provoke|turn into|develop into"
    r"|become)"
    r"|(?:nervous|scared|afraid|anxious|terrified|paranoid"
    r"|phobic) (?:about|of)(?: (?:\w+ )?(?:fainting|passing out|needles?|blood|bleeding|getting"
    r"|having|injections?|infections?|reactions|complications|allergies|side effects)|$)"
    r"|worr(?:y|ied|ying) about (?:\w+ )?(?:fainting|passing out"
    r"|blacking out|keeling over)|read (?:that|online|somewhere)|heard (?:that|of)"
    r"|(?:said|told me|warned|mentioned)(?: that)?(?: \w+){0,2} (?:might|may|could|would|can)"
    r"|(?:some|others|people|they|everyone|forums?) (?:\w+ )?(?:say|said|says|claim\w*|reckon"
    r"|report\w*|mention\w*|talk about|describe\w*|post about)"
    r"|(?:id|i would|i might|youd|ill) (?:\w+ )?(?:get|have|develop))\b"
)
# "What happens if...", "say I get...": the rest of the clause is imagined.
_IMAGINED = re.compile(
    r"(?:^if\b|\b(?:what happens if|would it be (?:bad|ok|okay|normal|serious|a problem) if"
    r"|(?:what|who) (?:should|do|would|can) i (?:do|call|contact|ring|phone|tell) if"
    r"|if i (?:end up|get|have|develop|start|see|feel|notice|go|become)"
    r"|what does it mean (?:when|if)|my (?:big "
    r"|biggest |worst |main |only )?(?:worry|fear|concern) is|(?:worried|worry|scared|fear"
    r"|terrified|petrified|paranoid|anxious|afraid|nervous|convinced|thought|sure) (?:that )?i(?:ll"
    r"| will|d|would"
    r"| might)"
    r"|(?:freaking out|panicking|stressing|stressed|worrying) (?:that |about whether )?i(?:ll| will"
    r"|d|would| might)"
    r"|(?:would|will|could) i (?:even )?(?:know|tell|notice) if|reckon id know|in the event"
    r"|what (?:id|i would|i should|to) do if"
    r"|what if|hypothetical\w*|imagin\w*|worst case|scenarios?|say i|lets say"
    r"|let us say|^say im|incase"
    r"|how (?:would|do|can|will) (?:someone|somebody|anyone|one|people|they) (?:know|tell)"
    r"|^say (?:the|my|it)"
    r"|what would (?:an?|the) \w+ look like|would i be able to tell|do people usually"
    r"|(?:pain|symptoms?|side effects?) people (?:usually |normally |typically )?"
    r"(?:get|report|have)"
    r"|when (?:should|do|would|will) i (?:\w+ )?"
    r"(?:worry|call|see|go|contact|ring|phone)|suppose|supposing|imagine|in case|how (?:would|do"
    r"|can|will|wud|wld)"
    r" (?:i|u|you) (?:know|tell)|how likely|what (?:temperature|temp|number)|counts? as"
    r"|(?:has|have|does|did) any ?body"
    r"|considered (?:as |to"
    r" be )?(?:a |an )?(?:fever|temperature|high|normal)|(?:worry|fret|panic|stress) if"
    r"|is it (?:poss?ible"
    r"|likely)"
    r" (?:to|that)|do people|does anyone|has anyone|wat if|wot if|picture this|would my"
    r"|(?:does|could|can|would) (?:that|this) happen|at what point|(?:the )?(?:idea|thought) of"
    r"|cut ?off|threshold|(?:more|less) likely to|signs? to (?:look|watch) (?:out )?for"
    r"|picturing|should (?:\w+ ){1,3}ever"
    r"|(?:should|do|can) i expect|(?:supposed|meant) to get"
    r"|would it be (?:\w+ )?(?:weird|normal|ok|okay|bad|unusual|common) to"
    r"|(?:what|wht|wat|wot) (?:do|should) i do if|to do if|(?:a way|how) to (?:tell|know) if"
    r"|(?:whats|what is|what would be) the (?:move|plan|protocol|drill|procedure|deal|rule"
    r"|advice) if"
    r"|(?:^|, )(?:so |and |but |ok |okay )?(?:that )?if\b"
    r"|(?:worried|scared|afraid|nervous|terrified|petrified|paranoid|anxious) (?:that )?(?:it|they"
    r"|my \w+)(?:ll| will| would| might"
    r"| could)"
    r"|what should i (?:look out|watch out|watch|look) for)\b)"
)
# "What would an infection look like?", "will I pass out?", "will my lips swell?": asked
# of what may come, the sign named within the question's first words.
_LOOKS_LIKE = re.compile(
    r"^(?:what|whats|how) (?:(?:does|do|would|will|should|might|could|can|is|are) )?(?:\w+ ){0,5}?"
    r"(?:looks? like|people (?:usually |normally |typically )?(?:get|report|have|feel|describe))\b"
)
# "Twice as wide as it was last week": a time told to compare with, not when it happened.
_COMPARED = re.compile(
    r"\b(?:than|as) (?:it|they|this|that|she|he|i) (?:was|were|did|looked|had been|used to be)"
    r"(?: \w+){0,3}"
)
_NEVER_HAPPENED = re.compile(
    r"\b(?:didnt|did not|never|hasnt|has not) (?:\w+ )?happen(?:ed)?\b"
    r"(?! before| until| till| in my life| to me before)"
)
_WILL_I = re.compile(
    r"\b(?:(?<!why )(?:will|would) i|(?:am i|are we|is it) (?:going to|gonna)"
    r"|(?:ill|i will) be (?:a bit|so|very|really|totally|completely|all)"
    r"|(?:could|can|might|would) (?:a|an) (?:\w+ )?"
    r"|(?:will|could|can|might) my(?: \w+){0,2})"
    r" (?:\w+ )?$"
)
# "Is pus ever normal?": asked of the treatment, in one stretch of the sentence.
# "Would a bruise that's still there after two weeks be a reason to call?": any bruise, asked
# of, however present the words after it sound.
_ANY_ONE = re.compile(r"^(?:would|could|might|can) (?:a|an|any) (?:\w+ ){0,3}$")
_EVER = re.compile(r"\b(?:ever|normally|typically|generally) (?:normal|ok|okay|expected|common)\b")
# "Is a red line a sign of infection?", "would swelling of the lips mean I'm allergic?"
_MEANING = re.compile(
    r"^(?:is|are|would|does|do|could|can|will)\b.*\b(?:a sign of|signs? of|mean|means"
    r"|an? \w+ sign)\b"
)
_MY = re.compile(r"\bmy\b")
# "I don't know if it's a fever" is uncertainty about now, not a hypothetical; "how do I
# know if" still is one.
_NOT_HYPOTHETICAL = re.compile(
    r"(?<!how do i )(?<!how can i )(?<!how would i )(?<!how will i )"
    r"\b(?:know|sure|wonder\w*|see|check|tell|unsure|ask\w*) (?:if|whether)\b"
)
# "Is fever a side effect?" asks about the treatment, unless the patient speaks of themself.
_GENERAL = re.compile(
    r"\b(?:side effects?|common|usual|possible|risks?|known (?:reaction|risk|complication)s?)\b"
)
# "Can the bruising last more than a week?" (but "can not breathe" is no question).
_QUESTION = re.compile(
    r"^(?:(?:can|could|will|would|might|may|does|do|should) (?:the|a|an|this|these|it|you"
    r"|people|mesotherapy|meso)|how long|how often|how bad|when (?:does|do|will))\b"
)
# "Is it agony?", "will it be unbearable?": asking what the treatment is like.
_WHAT_IS_IT_LIKE = re.compile(r"(?:is it|will it be|would it be|does it feel)(?: \w+)? ")
# "My sister fainted at her wedding": only the patient's own signs count.
_OTHERS = (
    r"(?:sister|brother|friend|mum|mom|mother|dad|father|wife|husband|partner|son|daughter"
    r"|kid|child|baby|cousin|aunt|uncle|colleague|boss|neighbou?r|dog|cat|girlfriend|boyfriend"
    r"|flatmate|roommate|housemate|coworker|toddler|grandma|grandpa|gran|nan|granny|grandad"
    r"|grandfather|grandmother|niece|nephew|boy|girl|lad|little one|fiance|fiancee|stepdad|stepmum"
    r"|stepmom|kiddos?|hubby|hubs|missus|wifey|dh|dd|ds|other half|better half"
    r"|bestie|teacher|patient|client|auntie|mate|pal|buddy|youtuber|puppy|kitten|pet|horse|dogs|cats"
    r"|character|bf|gf|bff|rabbit|bunny|hamster|guinea pig|parrot|bird|freind|frend|neice"
    r"|youngest|eldest|oldest|teenager|labrador|lab|lodger|tenant|landlord|landlady|nanny|carer"
    r"|nefew|twin|bro|sis|colleage|colegue|dauter|daugher|doughter|receptionist|vet|m8"
    r"|lady|woman|women|guy|bloke|fella)"
)
# Kin named first ("Son 38.9 since 6am"); not "mate" or "pal", which address the reader.
_KIN_FIRST = (
    r"(?:son|daughter|husband|wife|partner|kids?|mum|mom|dad|grandad|grandma|gran|nan|baby"
    r"|toddler|boyfriend|girlfriend|sister|brother|hubby|dh|dd|ds|bf|gf|fiancee?|flatmate|roommate"
    r"|housemate|lodger|bestie|neighbou?r|colleague|coworker|grandpa|grandad|granny|grandma|nana"
    r"|grandfather|grandmother)s?"
)
_KIN_ADJECTIVE = r"(?:little |eldest |youngest |older |younger |baby |two |three |best |good )?"
# Someone named by first name ("Jess has the chills"), not the patient signing ("Emma here",
# "it's Sophie"); names that are everyday words too ("Will", "Grace", "May") are left out.
_FIRST_NAMES = frozenset(
    """sophie sophia emma emily olivia amelia ava isla mia ella chloe charlotte lucy hannah
    sarah sara jess jessica jen jenny jennifer laura rachel rebecca becky katie kate kat amy
    anna hayley zoe megan lauren natalie nicola claire lisa michelle helen priya aisha
    fatima maria sofia lucia ana elena olga irina natasha nina leah abby abigail madison
    ashley brittany tiffany stephanie nicole samantha sam alex charlie jamie chris ben tom
    tommy dan danny daniel james jim jimmy john johnny josh joshua jake luke liam noah
    oliver ollie harry george jacob ethan ryan adam david dave michael mike paul peter pete
    steve steven stephen andrew andy matt matthew kevin gary simon tony rob robert richard
    rich carlos juan jose luis mohammed muhammad omar ahmed ali raj arjun ivan dmitri sergei
    leo oscar archie freddie alfie theo finn rex bella luna milo buddy coco lola poppy daisy
    molly maisie millie evie ellie kim karen susan linda julie janet debbie tracy mandy
    wendy sharon carol dylan tyler brandon kyle justin aaron nathan connor callum jack
    jackson lily""".split()
)
_WORD = re.compile(r"[a-z]+")
_SIGNING = re.compile(r"\b(?:its|this is|im|i am|name is|call me) $")
_SOMEONE_ELSE = re.compile(
    rf"\b(?:he|she|hes|shes|his|her|him|himself|herself|themselves|whose|someone|somebody|people"
    r"|(?:the|a|this|that) (?:man|woman|guy|lady|bloke|girl|boy) (?:next to|beside|on|at|in|from"
    r"|who|whose|sitting|opposite|before|after|behind|ahead of|in front of)"
    rf"|my {_KIN_ADJECTIVE}{_OTHERS}s?|^{_KIN_FIRST}|my (?:\d+|\w+) (?:year|yr|month)s? olds?"
    rf"|(?:the|our|a|one|ur|your|that|his|her) (?:baby|toddler|kids?|{_OTHERS})s?"
    # "A woman's throat closed up": someone's.
    r"|(?:a|the|this|that|some|one) (?:man|woman|guy|lady|bloke|girl|boy|person)s"
    # A show's characters: "a hospital drama where someone fainted".
    r"|(?:a|an|the|this|that) (?:\w+ )?(?:show|drama|film|movie|episode|series|documentary|novel"
    r"|book)"
    r"|(?:the |a )?(?:main )?(?:character|heroine|hero|protagonist)s?"
    r"|(?:some|the|this|that|main) (?:guy|bloke)s?"
    r"|(?:grandma|gran|nan|granny|grandad|mum|mom|dad|sister|brother|wife|husband|son|daughter)s)\b"
)
_SELF = re.compile(
    rf"\b(?:i|im|ive|id|myself|(?<!of )mine"
    # "The woman before me fainted": a place in the queue, not the patient.
    r"|(?<!before )(?<!behind )(?<!after )(?<!next to )(?<!front of )(?<!ahead of )me)\b"
    rf"|\bmy (?!{_KIN_ADJECTIVE}{_OTHERS})"
    r"(?!(?:\d+|\w+) (?:year|yr|month)s? old)"
)
_KIN = re.compile(
    r"\b(?:(?:husband|wife|boyfriend|girlfriend|partner|sister|brother|bro|sis|friend|twin|mum"
    r"|mom|dad|colleague)s?|ppl|their|forum|online|reddit|news|hers|his|theirs|someones"
    r"|somebodys)\b"
)
# "Writing for my wife: since her session...": the person named is the patient.
_ON_BEHALF = re.compile(
    r"\b(?:writing|typing|messaging|message|msg|texting|asking) (?:this )?(?:for|on behalf of)"
    r"|on behalf of|asked me to (?:message|write|text|ask|tell)|this is \w+s (?:wife|husband"
    r"|partner|daughter|son|mum|mom|dad|sister|brother)|(?:hes|shes|he is|she is) the patient"
    r"|since (?:his|her|their) (?:\w+ )?(?:session|treatment|injections?"
    r"|appointment|mesotherapy|meso|procedure)"
)
# "A youtuber I watch had...": the patient as a watcher or reader owns nothing.
_WITNESS = re.compile(
    r"\s*(?:watch\w*|follow\w*|saw|read|reading|heard|know|met|sat|ride|own|walk|groom)\b"
)
# "She said there was...": whoever speaks, the sign can still be the patient's.
_SPEAKS = re.compile(
    r"\s*(?:said|says|noticed|told|thinks|reckons|asked|pointed|mentioned|saw|spotted|thought"
    r"|heard|found|caught|had to (?:catch|carry|pick))\b"
)
_REFERENCE = re.compile(
    r"\b(?:it|its|they|theyre|them|this|that|these|those|both|which|mine|mines)\b"
)
_ECHO = re.compile(
    r"^(?:i|it|they|we)\s+(?:am|is|are|do|does|have|has)"
    r"(?:\s+(?:now|today|tonight|again|too|still|right now|a bit|a little))*\s*$"
)
_PAST_TENSE = re.compile(
    r"\b(?:had|was|were|got|felt|became|went|came|swelled|puffed|noticed|developed|started"
    r"|lasted|did|bled|ran|woke|spent|broke|kept|saw|took|grew|swelled|fell|crept|hung"
    r"|\w{3,}ed)\b"
)
_SCOPE_BREAK = re.compile(r",|\b(?:and|because|so|then|plus|also|just|only|except|until|as)\b")
_SEGMENT_BREAK = re.compile(r",|\b(?:and|so|because|then|plus)\b")
_FACE_REFERENCE = re.compile(rf"\b(?:they|theyre|it|its|both)(?: \w+){{0,3}} {_SWELL}\b")
_CLAUSE_BREAK = re.compile(
    r"[!?;:\n]+|\.(?!\d)|\b(?:but|however|although|though|whereas|yet|except)\b"
)

# A temperature in the fever range: 38.0-42.9 (Celsius) or 100.4-107.9 (Fahrenheit).
_HOT_C = r"(?:3[89]|4[0-2])(?:[.,]\d{1,2})?"
_HOT_F = r"(?:100[.,][4-9]\d?|10[1-7](?:[.,]\d{1,2})?)"
_NOT_A_TEMPERATURE = (
    r"(?!\s?(?:fm|mhz|nmol|ng|mmol|iu|mcg|ug|kg|kilos?|km|mg|ml|cm|mm|%|percent|lbs?|pounds|quid|euros?"
    r"|dollars|bucks|minutes|mins?|eur|gbp|usd"
    r"|hours|hrs?|days?|weeks?|wks?|years?|yrs?|yo|am|pm|sessions?|times|spots|injections"
    r"|points|people|patients|street|st|road|rd|avenue|ave|lane|place|square|floor|suite"
    r"|harley|main|high|park|bus|buses|train|tram|tube|metro|miles?|mi|mph|kph|kmh|ft|feet"
    r"|metres?|meters?|inches|[:/]\d))"
)
# "Day 101", "room 38": a figure with a label is no temperature.
_LABELLED = (
    r"(?<!day )(?<!days )(?<!room )(?<!no )(?<!number )(?<!page )(?<!episode )"
    r"(?<!euros )(?<!pounds )(?<!dollars )(?<!ldl )(?<!hdl )(?<!glucose )(?<!cholesterol )"
    r"(?<!chapter )(?<!week )(?<!session )(?<!flat )(?<!unit )(?<!bus )(?<!route )(?<!gate )"
    r"(?<!size )(?<!level )(?<!step )(?<!apt )(?<!ward )(?<!bed )(?<!seat )(?<!table )"
)
_TEMPERATURE = re.compile(
    rf"(?=\d){_LABELLED}(?<![\d.,:/£$€a-z-])(?:{_HOT_C}\s?(?:c|celsius|degrees?|deg|oc)\b"
    rf"|{_HOT_F}\s?(?:f|fahrenheit|degrees?|deg|of)\b"
    # A decimal in the Celsius fever range is rarely anything but a temperature.
    rf"|(?:3[89]|4[01])[.,]\d\b{_NOT_A_TEMPERATURE}"
    rf"|(?:100[.,][4-9]|10[1-5][.,]\d)\b{_NOT_A_TEMPERATURE})"
)
_TEMPERATURE_CONTEXT = re.compile(
    r"\b(?:temp\w*|thermometer|fever\w*|feverish|reading|read|reads|measured|degrees|hot"
    r"|im at|i am at|(?:running|sitting|hovering|stuck) (?:at|around)"
    r"|running(?! (?:\w+ )?(?:late|behind|early|out|over))|therm|thermo)\b"
)

# A spot that turns yellow may be pus; a bruise that turns yellow is fading.
_TURNS_YELLOW = _Entry(
    "pus",
    re.compile(r"\b(?:gone|turned|going|turning) (?:\w+ )?(?:yellow|green)\b"),
    unless=re.compile(r"\b(?:bruis\w*|mark|dots?|patch|purple|blotch\w*|discolou?r\w*)\b"),
)
# "I nearly fainted at the price", "my jaw hit the floor": figures of speech.
_FAINT_FIGURES = re.compile(
    r"\b(?:(?:at|with|from|over) (?:the |my )?(?:price|prices|bill|cost|quote|invoice|total"
    r"|news|happiness|joy|excitement|shock|photos?|results?|cringe|embarrassment|paperwork"
    r"|laughing|laughter|sight of (?:the |all the )?(?:bill|price|paperwork|forms?|queue))"
    r"|(?:saw|seen|seeing|got|opened|read) (?:the |my )?(?:bill|price|invoice|quote|total)"
    r"|(?:when|after) i saw (?:\w+ ){0,3}(?:photos?|pictures?|pics?|results?|bill|price)"
    r"|jaw (?:\w+ )?(?:hit|dropped|on) the floor"
    r"|(?:bill|price|prices|invoice|quote|total|cost|receipt|spreadsheet|maths|math|numbers)"
    r" (?:\w+ )?(?:made|makes|making|left|leaves|knocked|knocks) (?:me|my head)"
    r"|(?:nearly|almost|about) (?:fainted|passed out|died) when (?:i|we) (?:told|showed)"
    r"|(?:head|mind)(?:s| is)? (?:\w+ )?spinning (?:from|with|in a good way)|in a good way)\b"
)
# Denied right after it is named: "pus - not a drop", "fever? nope", "bleed, but there
# wasn't a drop".
_NO = r"(?:none|nil|nope|zero|not at all|none at all)"
_SPECK = r"(?: single)? (?:drop|trace|speck|hint)"
# Words that deny a sign just named: "bleeding: none", "dizzy? not even slightly".
_DENIED = (
    rf"{_NO}|nada|nah|zilch|not one|not once"
    r"|not that i (?:can see|know|know of|noticed|have noticed|can tell)"
    r"|not (?:even )?(?:slightly|remotely|a (?:tiny )?bit|a little|once)"
    rf"|not (?:even )?(?:a|one){_SPECK}|(?:0|zero|no) times"
)
_DENIED_NEXT = re.compile(rf"\W*(?:{_DENIED})\b")
# Words between a negation and the sign it denies: "not a single drop of blood".
_FILLER = re.compile(rf"\b(?:a|one)(?:{_SPECK}| bit) of\b")
# A normal temperature told after a fever: "feverish on Sunday, 36.9 today".
_HOT = re.compile(rf"(?<![\d.,])(?:{_HOT_C}|{_HOT_F})\b")
_NORMAL_TEMPERATURE = re.compile(r"(?<![\d.,])(?:3[56][.,]\d|37[.,][0-4])\d?\b")
# A clause that only says no.
_DENIAL = re.compile(
    rf"(?:{_DENIED}|no|negative|absolutely not"
    r"|(?:ive |i have )?(?:had |got |seen )?none of (?:it|that|them|those)"
    r"|(?:there )?(?:wasnt|isnt|werent|arent|hasnt been|havent been)(?: even)? (?:a|one|any)"
    rf"(?:{_SPECK}| spot)(?: of (?:it|blood|pus))?(?: at all)?)"
    r"(?:,? (?:this time|so far|thankfully|thank god|honestly|whatsoever|at all|really|either"
    r"|yet|today|luckily|phew|mate))*"
)
# What patients take for pain, by name or not.
_PAIN_RELIEF = (
    r"pain ?killers?|paracet\w*|ibupro\w*|tylenol|advil|nurofen|aspirin|co ?codamol|codeine"
    r"|motrin|panadol|naproxen|pain relief|pain meds"
)
# "Still 8/10 after two paracetamol": a score of pain, with what says it is one.
_PAIN_SCORE = _Entry(
    "severe_pain",
    re.compile(r"\b(?:[789]|10) ?(?:/ ?10|out of (?:10|ten))\b"),
    qualifier=re.compile(
        r"\b(?:still|now|since|today|tonight|pain\w*|hurt\w*|ache\w*|paracet\w*|ibupro\w*"
        r"|painkill\w*)\b"
    ),
)
_WEATHER = re.compile(
    r"\b(?:outside|weather|heatwave|sunny|sun|forecast|shade|beach|pool|oven|bath|sauna|car"
    r"|room|office|house|flat|here in|abroad|holiday|shower|water|kettle|meant to be"
    r"|supposed to be|radio|fm|station|channel|song|degrees? out|out (?:today|there|here)"
    r"|hot tub|tub|jacuzzi|spa|steam room|thermostat|heating|on the wall|air ?con|set to"
    r"|scales?|weigh\w*|suitcase|luggage)\b"
)

_LEXICON: tuple[_Entry, ...] = (
    _TURNS_YELLOW,
    _PAIN_SCORE,
    _Entry("fever", _TEMPERATURE, unless=_WEATHER, unless_nearby=True),
    _Entry(
        "fever",
        re.compile(
            rf"(?=\d){_LABELLED}(?<![\d.,:/£$€a-z-])(?:{_HOT_C}|{_HOT_F})\b{_NOT_A_TEMPERATURE}"
        ),
        qualifier=_TEMPERATURE_CONTEXT,
        unless=_WEATHER,
        unless_nearby=True,
    ),
    _Entry(
        "fever",
        re.compile(
            r"\b(?:shiver\w*|shaking|shakes|rigors|sweats|sweating|clammy"
            r"|(?:cant|cannot|couldnt) (?:get|stay|keep) (?:\w+ )?warm)\b"
        ),
        qualifier=re.compile(
            r"\b(?:hot|burning|swollen|swelling|fever\w*|temp\w*|sweat\w*|shiver\w*|cold|roasting"
            r"|boiling|teeth)\b"
        ),
        unless=re.compile(r"\b(?:sweating (?:bullets|buckets|cobs|like a pig)|no sweat)\b"),
    ),
    _Entry(
        "bleeding",
        re.compile(
            r"\b(?:bleed\w*|bled|blood\w*|claret|crime scene|(?:towels?|tissues?|pillow\w*|dressing"
            r"|plasters?|gauze|bandage)\w* (?:\w+ ){0,2}soaked|soaked (?:through|with)"
            r"|soak\w* (?:\w+ ){0,2}red|(?:still|keeps?|wont stop) (?:\w+ )?(?:dripping|trickling)"
            r"|pressed (?:\w+ ){0,3}(?:\d+ ?x|\d+ times|twice|three times|again and again))\b"
        ),
        qualifier=re.compile(
            r"\b(?:still|keeps?|kept|wont|doesnt|isnt|hasnt|not|cant|wouldnt|wont|wouldnt"
            r"|through|soak\w*|pouring|gushing|dripping|trickling|running|everywhere|all over"
            r"|hours?|hrs?|since|non ?stop|constant\w*|heavy|heavily|a lot|lots|loads"
            r"|on and off|all (?:day|night|morning)|again|more and more)\b"
        ),
    ),
    _Entry(
        "pus",
        re.compile(
            r"\b(?:drain\w*|seep\w*|leak\w*|weep\w*|crust\w* (?:\w+ )?(?:leak\w*|ooz\w*)"
            # A bad smell, not "smells like lemon"; a boil, not boil-in-the-bag.
            r"|white ?heads?|yellow ?heads?|carbuncles?|cellulitis|stink\w*|pong"
            r"|boils?(?! in the bag| the kettle| water| an? egg| eggs| pasta| rice| over)"
            r"|(?:bad|foul|funny|weird|off|awful|horrible|rotten|nasty|strange|gross|sour|musty"
            r"|yeasty|fishy|cheesy|odd|unusual)\w* smel+\w*|smel+\w* (?:coming )?from"
            r"|smel+\w* (?:\w+ ){0,2}(?:bad|foul|funny|weird|off|awful|horrible|rotten|nasty"
            r"|strange|gross|sour|like (?:rot|cheese|death|eggs|something))|smelly"
            r"|(?:cloudy|milky|creamy|whitish|yellow\w*|green\w*|white|smelly|thick) (?:\w+ )?"
            r"(?:fluid|liquid|stuff|gunk|goo|discharge|crust\w*|ooze|matter|something)"
            r"|pocket of (?:\w+ ){0,2}(?:fluid|liquid|stuff|gunk|goo|something)"
            r"|(?:hot|hard|throbbing"
            r"|angry) (?:\w+ )?(?:lump|knot|bump|swelling|spot|pimple)s?"
            r"|(?:lump|knot|bump)s? (?:[\w,]+ ){0,4}(?:hot|hard|throb\w*)"
            r"|fill\w* (?:up|with)|refill\w*|white (?:top|tip|head)s?|yellow (?:under|beneath|in)"
            r"|(?:doesnt|dont|does not) smell (?:great|good|nice|right|normal)"
            r"|(?:finger|fingers|tissue|cotton|pillow)s? (?:\w+ ){0,2}(?:comes?|came) away (?:wet"
            r"|yellow|sticky|damp)"
            r"|gooey|whiff|septic|muck|yellow (?:dot|spot|bump|pimple|blob)s?"
            r"|full of (?:gunk|goo|muck|yuck|stuff|gross)|(?:sticky|crusty|wet) (?:yellow|green)"
            r"|(?:yellow|green)\w* (?:\w+ )?(?:marks|stains?))\b"
        ),
        unless=re.compile(
            r"\b(?:roof|tap|shampoo|hair dye|dye|perfume|water|plug ?hole|(?:shower|bath|sink)"
            r" drain|drain (?:cleaner|unblocker))\b"
        ),
    ),
    _Entry(
        "spreading_redness",
        re.compile(
            r"\b(?:red\w* (?:lines?|streaks?|tracks?|stripes?)|streak\w*|creep\w* (?:out\w*|down|up"
            r"|across|along|towards?)|(?:red|redness|rash|patch|pink)\w* (?:\w+ ){0,4}(?:past"
            r"|beyond"
            r"|outside) the (?:pen )?(?:line|mark|circle)|(?:gone|went|spread\w*|moved|grown"
            r"|crept)(?: \w+){0,3}"
            r" (?:past|beyond|over|outside) the (?:pen )?(?:line|mark|circle|outline)|(?:red\w*"
            r"|patch|rash|area)\w* (?:[\w,]+ ){0,3}"
            r"\d+ ?cm[ ,]+(?:[\w,]+ ){0,4}\d+ ?cm"
            r"|\d+ ?cm (?:past|beyond|outside|over) the (?:\w+ )?(?:line|mark|circle|outline)"
            r"|(?:its|it is|now|gone|is) (?:well |way |already |now )?(?:outside|past|beyond|over)"
            r" the (?:pen |marker )?(?:line|mark|circle|outline)"
            r"|crept (?:\w+ ){0,2}(?:down|onto|over|into|across)"
            r"|(?:moving|spreading|heading|creeping) (?:\w+ ){0,2}(?:down |up )?"
            r"(?:towards?|onto|into)"
            r" (?:my |the )?(?:eyebrows?|eyes?|ears?|neck|face|forehead|temples?)"
            r"|(?:gone|went|spread\w*|moved|crept|going|grown) (?:\w+ )?(?:past|beyond|over|onto)"
            r" (?:my |the )?hairline"
            r"|(?:red\w*|pink\w*|rash|patch|colou?r) (?:\w+ ){0,5}(?:has |have )?reached"
            r" (?:my |the )?"
            r"(?:ears?|neck|eyebrows?|forehead|temples?|jaw|cheeks?|eyes?)"
            r"|wider (?:\w+ )?(?:each|every|by the) (?:day|hour|morning)"
            r"|reach\w* (?:\w+ ){0,4}(?:below|past|beyond|down|onto|behind) (?:my |the )?"
            r"(?:hairline"
            r"|forehead|eyebrows?|ears?|neck|temples?))\b"
        ),
    ),
    _Entry(
        "face_swelling",
        re.compile(
            r"\b(?:(?:cant|cannot|can hardly|can barely|couldnt"
            r"|hard to) (?:\w+ ){0,2}open (?:my )?"
            r"(?:\w+ )?eyes?|eyes? (?:\w+ ){0,2}(?:shut|closed up|closing)|(?:lips?|face|tongue"
            r"|eyes?"
            r"|eyelids?|mouth|cheeks?) (?:(?!isnt|not|arent|wasnt|werent)\w+ ){0,6}(?:like a moon"
            r"|huge|massive"
            r"|enormous|twice|double|2 ?x|x ?2"
            r"|fat|puffy|puffed|blown|balloon\w*)|(?:huge|massive|fat|puffy) (?:\w+ )?(?:lips?|face"
            r"|tongue|eyes?|eyelids?)|punched|like a (?:balloon|pufferfish|hamster)"
            r"|face (?:\w+ ){0,3}(?:different shape|unrecogni[sz]able)|(?:didnt|couldnt|wouldnt)"
            r" (?:even )?recogni[sz]e me"
            r"|(?:cant|cannot|can hardly|can barely|hardly|barely|couldnt) see out of (?:my )?"
            r"(?:\w+ )?eyes?|ten rounds|boxing ring"
            r"|(?:tongue|tounge|tonge)s? (?:\w+ ){0,3}(?:too|to|so) (?:big|large|fat|thick)"
            r"|glasses (?:\w+ ){0,2}(?:digging|dig|pressing|cutting) (?:in|into)"
            r"|(?:lips?|face|tongue|eyes?|eyelids?) (?:\w+ ){0,2}(?:like|as if) (?:a |an |i )?"
            r"(?:botched|been stung|been punched|got stung|bee sting|balloon|allergic))\b"
        ),
    ),
    _Entry(
        "breathing",
        re.compile(
            r"\b(?:(?:cant|cannot|couldnt|can not|struggl\w*|unable) (?:\w+ ){0,3}(?:full |proper "
            r"|deep )?breath\w*|(?:cant|cannot|couldnt|can not|unable to"
            r"|struggling to) (?:\w+ ){0,2}"
            r"catch (?:my )?breath|breathing (?:\w+ )?(?:fast|quick\w*|rapid\w*)"
            r"|stop (?:\w+ ){0,2}to catch"
            r"|whistl\w*|elephant on my chest"
            r"|(?:kettle|rattl\w*) (?:\w+ ){0,5}(?:inhal\w*|breath\w*)"
            r"|inhaler (?:\w+ ){0,4}(?:didnt|not|doesnt|hasnt|isnt) (?:\w+ )?help\w*"
            r"|band (?:\w+ ){0,2}(?:a)?round (?:my )?chest"
            r"|squeez\w* (?:\w+ ){0,2}(?:my )?chest|chest (?:\w+ ){0,2}squeez\w*"
            r"|(?:sats?|saturation|oxygen|o2|spo2|oximeter|finger monitor|pulse ox\w*)"
            r" (?:\w+ ){0,3}(?:[78]\d|9[0-3])\b(?! ?(?:bpm|beats))"
            r"|(?:hard"
            r"|difficult) to get (?:a )?(?:full |proper |deep )?breath|through a straw"
            r"|breathing \d+ ?x? (?:a|per) min\w*"
            r"|(?:not|cant|couldnt) get enough air"
            r"|trouble breath\w*|wheez\w*|strugl\w* (?:\w+ ){0,2}breath\w*|diff breath\w*"
            r"|stop (?:\w+ ){0,5}(?:to )?(?:get|catch|grab|take) (?:\w+ ){0,2}(?:breath|air)"
            r"|(?:grab|gulp|gasp\w*|fight\w*|struggl\w*)(?: for)? (?:\w+ )?air|lungful"
            r"|(?:need|needing|take|grab) (?:another|a new|one more) breath"
            # Out of breath between words: "a few words before I have to stop and pant".
            r"|(?:only|barely|just) (?:\w+ )?(?:manage|say|get out|speak) (?:a few|two|three"
            r"|one or two) words|(?:stop|pause) (?:\w+ )?(?:and |to )pant"
            r"|(?:every|each) breath|out of puff|puffed out|suck\w* (?:\w+ )?air"
            r"|(?:cant|cannot|couldnt|not|never) (?:\w+ ){0,3}lungful"
            r"|breath\w* (?:\w+ ){0,2}(?:gone|janky|weird|wrong|off|effort|heavy|struggle|laboured"
            r"|labored|rattl\w*|noisy|short|shallow|fast)|(?:cant|cannot|couldnt|not) get"
            r" (?:\w+ ){0,2}(?:breath|air))\b"
        ),
    ),
    _Entry(
        "severe_pain",
        re.compile(
            rf"\b(?:(?:{_PAIN_RELIEF}|pills?|tablets?|meds|medication)s? (?:\w+ ){{0,3}}(?:not"
            r"|(?:do|does|did|doing) nothing|nothing"
            r"|dont"
            r"|doesnt|arent|isnt|havent|hasnt|wont|didnt|no) (?:\w+ )?(?:touch\w*|help\w*|work\w*"
            r"|doing|do|effect|difference|use)|off the charts?|never (?:had|felt) (?:\w+ ){0,2}"
            r"(?:like it|like this)(?! since| before| again)"
            r"|nothing (?:\w+ ){0,2}(?:helps|helping|works|working|touching"
            r"|touches|makes a dent|dents)|through the roof"
            r"|(?:hurts?|pain|sore\w*|aches?|throb\w*) (?:\w+ ){0,3}more"
            r" (?:today|each|every|than(?! (?:a|an|getting|having|waxing|laser|botox"
            r"|microneedling|prp|tattoo\w*|piercing\w*)\b))"
            r"|(?:worse|more|bigger) (?:\w+ )?(?:each|every"
            r"|by the) (?:day"
            r"|hour|morning|night)|day (?:by|after) day"
            r"|nothings? (?:is )?(?:helping|helps|working|works|touching)"
            r"|(?:scalp|head|skin|injection \w+) (?:\w+ ){0,3}on fire|level of pain"
            r"|(?:want\w* to|make\w* me|made me|could) (?:scream|cry|sob|tear up|flinch)"
            r"|(?:cant|cannot|couldnt|impossible to|can barely|can hardly) (?:even )?(?:touch|brush"
            r"|comb) (?:my )?"
            r"(?:head|scalp|hair)"
            # "Tylenol did nothing", "ibuprofen barely helps": pain relief that does not work.
            rf"|(?:{_PAIN_RELIEF}) (?:\w+ ){{0,3}}(?:(?:did|does|do"
            r"|doing) (?:absolutely |literally )?(?:nothing|zilch|zero|jack)|(?:barely|hardly"
            r"|only just|not really|isnt really|didnt really|doesnt really) (?:help\w*|work\w*"
            r"|touch\w*|do\w* anything|mak\w* a dent))"
            rf"|(?:{_PAIN_RELIEF}) (?:\w+ ){{0,3}}(?:didnt|doesnt|dont|did not|does not|wont|cant)"
            r" (?:even )?(?:take the edge off|touch it|make a dent|shift it)"
            # "Not relieved by meds", "the throbbing keeps me awake".
            r"|(?:not|never|isnt|wasnt|arent) (?:\w+ )?relieved|unrelieved|no relief"
            r"|(?:pain|hurt\w*|throb\w*|aches?|aching|sore\w*) (?:\w+ ){0,4}(?:keep\w* me (?:up"
            r"|awake)|(?:cant|cannot|couldnt|unable to|no) sleep)"
            r"|(?:cant|cannot|couldnt|unable to|no) sleep (?:\w+ ){0,2}(?:for|from|because of|with)"
            r" (?:the )?(?:pain|hurt\w*|throb\w*|aches?|aching)"
            # "On a scale of 1 to 10 it's a 9".
            r"|scale of (?:0|1|one|zero) to (?:10|ten)\W+(?:\w+\W+){0,4}(?:[789]|10|seven|eight"
            r"|nine|ten)(?! \w*(?:am|pm|days?|weeks?|sessions?))"
            r")\b"
        ),
    ),
    _Entry(
        "long_bruising",
        re.compile(rf"\b(?:{_MARK})\b"),
        qualifier=re.compile(
            r"\b(?:bigger|biger|larger|wider|spread\w*|grow\w*|grown|darker|deeper|expand\w*"
            r"|worse\w*|crept|creep\w*|further (?:down|up|out|across)"
            r"|doubled|x ?2|2 ?x|enlarg\w*|\d+ ?cm\b.{0,40}?\b\d+ ?cm|" + _SIZE + r""
            r"|(?:well )?over (?:a|one|two) weeks?"
            r"|more than a week"
            r"|nearly two weeks|(?:[89]|1\d|2\d) days|day (?:[89]|1\d)|d(?:[89]|1\d)|\d+ days? on"
            r"|\d+ ?wks?"
            r"|(?:\d+|a couple|two|three|couple) (?:wks?|weeks?)|eleven|twelve|fourteen|fortnight"
            r"|(?:\d+|one) ?cm (?:to|now)|now \d+ ?cm"
            # New ones nothing explains: "dark marks on my arms I can't explain".
            r"|cant explain|no idea (?:how|where|why)|out of nowhere|for no reason|new since"
            r"|(?:didnt|havent|never) (?:\w+ )?(?:bump\w*|knock\w*|bang\w*)"
            # "It was way smaller on Friday": it has grown since.
            r"|(?:was|were|used to be) (?:\w+ ){0,2}(?:smaller|tinier)(?= (?:on|yesterday|last"
            r"|before|earlier|at first|this morning|when|a few|two|three|\d))"
            r")\b"
        ),
    ),
    _Entry(
        "fever",
        re.compile(
            r"\b(?:(?<!hay )fever\w*|febrile|chills"
            r"|teeth (?:\w+ ){0,3}(?:castanets|rattling|clattering)"
            r"|burning up(?! in (?:this|the) (?:sun|heat|weather))"
            r"(?! with (?:excitement|anticipation|embarrassment|shame|envy|jealousy"
            r"|rage|anger|impatience))|teeth (?:are )?chattering"
            r"|boiling (?:\w+ ){0,4}freezing|freezing (?:\w+ ){0,4}boiling"
            r"|(?:high|raised|running a|run a|got a"
            r"|have a|has a|had a|with a|bit of a|slight) temp(?:erature)?|temp(?:erature)?"
            r" (?:\w+ ){0,2}(?:3[89]|4[0-2]|10[0-4])(?:[.,]\d)?)\b"
        ),
    ),
    _Entry(
        "pus",
        inner_negation=True,
        term=re.compile(
            r"\b(?:pu{1,2}s{1,2}|pussing|ooz(?:e|es|ed|ing|y)|discharge|infected"
            # A chest or ear infection is not one of the scalp.
            r"|(?<!chest )(?<!ear )(?<!urine )(?<!sinus )(?<!throat )(?<!kidney )(?<!bladder )"
            r"(?<!yeast )(?<!eye )(?<!tooth )(?<!gum )(?<!lung )(?<!stomach )(?<!tract )infection"
            r"|pustules?|abscess\w*|(?:yellow|green)\w* (?:\w+ )?(?:stuff|liquid|fluid|gunk|goo"
            r"|crust\w*|bits?|heads?)|leak\w* (?:\w+ )?(?:fluid|liquid|stuff)|weeping (?:wound"
            r"|sore|spot|skin|area|scab|fluid)|(?:wound|sore|spots?|skin|area|scab|scalp)"
            r" (?:\w+ )?weep\w*|(?:its|it is|theyre|they are|they) (?:\w+ )?weep\w*"
            r"|(?:gunk|goo|stuff|fluid|liquid|something) (?:is |keeps )?(?:coming|came|comes"
            r"|leaking|draining|seeping) out)\b"
        ),
    ),
    _Entry(
        "spreading_redness",
        re.compile(
            r"\b(?:red|redness|redder|reddened|reddening|reddish|rash|inflam\w*|streaks?|pink\w*"
            r"|flush\w*|sunburn\w*)\b"
        ),
        qualifier=re.compile(
            r"\b(?:" + _WORSE + r"|darker|extend\w*|creep\w*|streak\w*|all over"
            r"|(?:is|its|are|keeps?) (?:\w+ )?(?:moving|travell?ing)|redder and redder"
            r"|(?:getting|gets|got) (?:redder|darker)"
            r"|incr\b|down (?:\w+ ){1,4}(?:my |the )(?:neck|face|cheek|forehead)"
            r"|(?:down|up|over|to|reaching|reaches|onto) (?:to )?(?:my |the )?(?:neck|nape|face"
            r"|forehead|ears?|eyes|eyebrows?|brows?|hairline|temples?|collar|chest|shoulders?)"
            r"|travell?ed (?:\w+ ){0,2}(?:down|up|over|to|onto|across|along))\b"
        ),
    ),
    _Entry(
        "face_swelling",
        re.compile(
            rf"\b(?:{_FACE}(?: \w+){{0,4}} {_SWELL}|{_SWELL}(?: \w+){{0,3}} {_FACE}"
            r"|throat(?: \w+){0,3} (?:tight\w*|clos\w*|narrow\w*)|tight\w* (?:\w+ )?throat"
            r"|lump in (?:my |the )?throat|(?:hard|difficult|trouble|struggling|cant|cannot)"
            r" (?:\w+ ){0,2}swallow\w*|hives|allergic reaction)\b"
        ),
        inner_negation=True,
    ),
    _Entry(
        "face_swelling",
        re.compile(r"\b(?:swell\w*|swollen|puff\w*|bloat\w*|o?edema)\b"),
        qualifier=re.compile(
            r"\b(?:" + _WORSE + r"|huge|massive|enormous|severe\w*|really bad|so bad|very bad"
            r"|down (?:to )?my (?:face|forehead|eyes|eyelids|neck))\b"
        ),
    ),
    _Entry(
        "breathing",
        re.compile(
            r"\b(?:(?:cant|cannot|can not|couldnt|unable to|struggling to|struggle to|hard to"
            r"|difficult to|hard 2|hardly|barely|trouble|difficulty|difficulties|problems?"
            r"|struggling"
            r"|hard time|issues?) (?:\w+ ){0,2}breath\w*|short(?:ness)? of breath|out of breath"
            r"|breathless\w*|gasping|panting|wheez\w*"
            r"|(?:chest|lungs?) (?:(?!isnt|not|arent)\w+ ){0,2}tight\w*"
            r"|tight\w* (?:\w+ ){0,2}chest|breathing (?:\w+ ){0,2}(?:hard|difficult|laboured"
            r"|labored|heavy|weird|funny|shallow|noisy)|(?:cant|cannot|couldnt|not|hardly|barely)"
            r" (?:get|getting|catch) (?:enough )?air|(?:need|needing|gulping for) air|choking"
            r"|suffocat\w*|anaphyla\w*|to get (?:any |enough )?air (?:in|into)"
            r"|(?:cant|cannot|couldnt) lie (?:down|flat)(?: \w+){0,3} (?:breath\w*|air))\b"
        ),
        unless=re.compile(
            r"\b(?:running|run|gym|stairs|exercis\w*|workouts?|jog\w*|sport|excite\w*)\b"
        ),
    ),
    _Entry(
        "severe_pain",
        re.compile(
            r"\b(?:pains?|pian|painful|hurt\w*|ache[sd]?|aching|sore\w*|tender\w*|throb\w*"
            r"|hammer\w*"
            r"|sting\w*|burn(?:s|ing)|headaches?|pound(?:s|ing))\b"
        ),
        qualifier=re.compile(
            r"\b(?:severe\w*|terrible|horrible|horrendous|awful|intense|extreme|worse\w*"
            r"|worst|increas\w*|more and more|(?<!hair )(?:is|are|its|keeps?) (?:still )?growing"
            r"|(?:really|very|so|super|extremely|incredibly|terribly|horribly) (?:bad\w*|painful"
            r"|sore|strong)|stronger|like (?:hell|crazy|mad)|killi?n?g me|unbearabl\w*"
            r"|excruciat\w*|agon\w*|worse (?:today|now|tonight|this morning|than yesterday)"
            r"|in tears|crying|hammer\w*|worst (?:its|it has) ever|that much|far worse|much worse"
            r"|stabbing|shooting|searing|(?:wont|will not|not|doesnt|does not) ease|scream\w*"
            r"|flinch\w*|spread\w* (?:\w+ ){0,3}(?:ears?|jaw|neck|face|eyes?)"
            r"|(?:cant|cannot|couldnt) (?:lie|put my head|rest|brush)|nothing (?:shifts|touches"
            r"|touching)"
            r"|now (?:a |an )?(?:[789]|10)\b"
            r"|worse (?:\w+ )?ev(?:e)?ry"
            r"|(?:a|an|at|is|its) [6-9](?: ?/ ?10| out of (?:10|ten))? (?:today|now|tonight)"
            r"|[78] ?/ ?10"
            r"|[78] out of (?:10|ten)"
            # "Thanks so much" and "a lot of questions" say nothing about the pain.
            r"|(?:hurts?|hurting|aches?|aching|stings?|burns?|painful|sore) (?:so|too|very) much"
            r"|(?:hurts?|hurting|aches?|stings?) a lot|(?:so much|a lot of) pain"
            r"|(?:cant|cannot|couldnt) (?:sleep|stand it|bear it|take it|stand the|bear the"
            r"|touch it)|(?:keeps?|kept) me (?:up|awake)|(?:10|ten|9|nine) out of (?:10|ten)"
            r"|10/10|9/10|insane|(?:10|ten|9|nine) outta (?:10|ten)"
            r"|as hell|badly|brutal\w*|savage\w*|horrific\w*|vicious\w*|relentless\w*)\b"
        ),
    ),
    _Entry(
        "severe_pain",
        re.compile(r"\b(?:excruciat\w*|unbearabl\w*|agony|agoni[sz]\w*|worst pain)\b"),
        unless=re.compile(
            r"\b(?:heat\w*|hot|weather|wait\w*|boss|traffic|noise|itch\w*|boredom)\b"
        ),
    ),
    _Entry(
        "long_bruising",
        re.compile(rf"\b(?:{_MARK})\b"),
        qualifier=re.compile(
            rf"\b(?:{_DAYS} days|{_WEEKS} weeks|weeks|fortnight|(?:a|one) month"
            rf"|(?:more than|over|longer than|past|beyond|after) (?:{_NUMBER_WORDS}|7|seven)"
            rf" (?:week|days)|(?:{_NUMBER_WORDS}) week (?:later|on|and a half)"
            rf"|been (?:over )?(?:{_NUMBER_WORDS}) week|since last week|day {_DAYS})\b"
        ),
    ),
    _Entry(
        "fainting",
        unless=_FAINT_FIGURES,
        term=re.compile(
            r"\b(?:dizz\w*|light ?headed\w*|woozy|vertigo|(?:room|heads?|everything) (?:\w+ )?"
            r"spinning|rooms? (?:\w+ )?spinning|(?:came|come|coming|went"
            r"|going) over (?:all )?(?:faint|dizzy"
            r"|funny|woozy)|(?:feel|feeling|felt|feels|going to|gonna|about to|might|almost|nearly"
            r"|could) (?:\w+ )?faint|faintness|(?:about to|going to|gonna) (?:pass|black) out"
            r"|swimmy|seeing stars"
            r"|(?:world|room|floor|everything) (?:\w+ )?(?:tilt\w*|spins|sways|swaying|lurch\w*)"
            r"|(?:legs?|knees?) (?:\w+ ){0,2}(?:gone|went|going|turned|like) (?:to )?"
            r"(?:jelly|rubber)|(?:white|pale|grey|gray) as a (?:sheet|ghost)"
            r"|(?:about|going) to (?:go|drop|collapse)"
            r"|(?:nearly|almost) (?:past|passed) out|(?:nearly|almost) (?:fainted|fainting"
            r"|pass(?:ed|d|ing)? out|black(?:ed|ing)? out|hit the (?:deck|floor)|collapsed"
            r"|keeled over)|(?:nearly|almost) (?:toppled|keeled"
            r"|fell(?! (?:off|out of) (?:my|the) (?:chair|seat|stool|sofa|couch|bed)))"
            r"|(?:sight|vision|eyes?) (?:\w+ )?(?:went|going|gone) (?:grainy|fuzzy|blurry|spotty"
            r"|snowy)|brief loc)\b"
        ),
    ),
    _Entry(
        "fainting",
        unless=_FAINT_FIGURES,
        # "Nearly fainted", "almost hit the deck": a near faint, read as dizziness.
        term=re.compile(
            r"(?<!nearly )(?<!almost )\b(?:faint(?:ed|ing|s)|pass(?:ed|d|ing)? out"
            r"|black(?:ed|d)? out|blackout"
            r"|next thing (?:i knew|im|i was)|no memory of (?:falling|fainting|going down|passing)"
            r"|next thing i knew|keel\w* over|syncope|(?:fall|fell) down|went down like"
            r"|eyes? (?:go|went|going)"
            r" black|(?:was|were) out (?:for|cold)|out cold|(?:nearly "
            r"|almost )?(?:went|gone|go)"
            r" down (?:in|on|at)(?! (?:its|their) own)"
            r"(?! (?:\w+ ){0,2}(?:hours?|hrs?|days?|minutes?|mins?|weeks?|bit|while)\b)"
            r"|nearly went down|hit the (?:deck|floor)|came (?:to|round)"
            r"|woke up on the (?:\w+ )?floor"
            r"|(?:slid|slipped|slumped) (?:\w+ )?(?:off|out of|from) (?:the |my )?(?:chair|seat"
            r"|stool|sofa|couch)"
            r"|found me (?:\w+ ){0,3}(?:on|in) the (?:\w+ )?(?:floor|ground)"
            r"|(?:dont|cant|didnt) remember (?:getting there|falling|how i got|what happened)"
            r"|before i went down"
            r"|lost consciousness|collapsed|keeled over|(?:vision|everything|sight)"
            r" (?:\w+ )?(?:went|goes|going|turned) (?:black|dark|grey|gray))\b"
        ),
        episode=True,
    ),
)

# The sign ids, one [warning.<id>] each in mesobot/content/triage.toml.
SIGNS = frozenset(entry.sign for entry in _LEXICON)

# Words whose typos should still be recognised, and real words that are one letter away
# from them ("injected" is not "infected", "fasting" is not "fainting").
_KEYWORDS = (
    "fever feverish temperature breathe breathing breath breathless wheezing dizzy dizziness"
    " faint fainted fainting lightheaded vertigo swollen swelling swelled tongue throat"
    " oozing infected infection discharge redness spreading excruciating unbearable painful"
    " bruise bruised bruising bleeding trouble eyelid eyelids bigger getting pain spinning yellow"
    # Words that tell a sign is over, so that "it setled down" still does.
    " settled again stopped"
).split()
_NOT_TYPOS = frozenset(
    (
        "fewer fiver forever never faith flint fains fasting fitting finding failing farting"
        " fainter faintest feint painted breast breach breadth breaking breaks bread brushed"
        " brushing braised batching biasing busting threat spending speeding spraying"
        " speaking spelling spellings smelling selling spelled smelled swallow swallowed"
        " readiness rudeness redress rednecks realness injected injection injections"
        " inspected inspection inflection inflect infarction infested unreadable unbeatable"
        " exciting wheeling wherein weeding weeping weep sneezing lighthearted dozing ditzy"
        " discharged interaction interactions infraction inflicted stepped stooped shopped"
        " stropped swapped topped"
    ).split()
)
_BY_INITIAL: dict[str, list[str]] = {}
for _word in _KEYWORDS:
    _BY_INITIAL.setdefault(_word[0], []).append(_word)


@lru_cache(maxsize=4096)
def _correct(token: str) -> str:
    """The keyword a typo stands for, or the token itself."""
    if len(token) < 4 or token in _NOT_TYPOS or not token.isalpha():
        return token
    # Typos rarely change the first letter, and requiring it rules out many real words;
    # and a typo is a keystroke or two, so the length stays close ("that" is not "throat").
    candidates = [
        word
        for word in _BY_INITIAL.get(token[0], [])
        if abs(len(word) - len(token)) <= (2 if len(word) >= 8 else 1)
    ]
    best = process.extractOne(token, candidates, scorer=fuzz.ratio, score_cutoff=80)
    return best[0] if best else token


# Figures of speech that use a sign's words: read as nothing at all.
_IDIOMS = re.compile(
    r"\b(?:made my eyes bleed|makes? (?:your|my) eyes bleed|sweat(?:ing)? blood|bloody (?:hell"
    r"|nora|heck)|(?:a |right |real )?pain in the (?:neck|arse|ass|butt|backside)"
    r"|boil in the bag|(?:gave|gives|give|giving) me (?:the )?chills|chills? down my spine"
    r"|bloody (?:nightmare|brilliant|great|typical|marvellous|ridiculous|annoying|lovely|amazing"
    r"|awful|traffic|weather|hell|heck|nora)|bleeding into (?:my |the )?(?:lunch|break|evening"
    r"|weekend|time|day|night|afternoon|morning)"
    r"|feverish (?:beats|pace|excitement|energy|rush|speculation|anticipation)|fever pitch"
    r"|hot off the press"
    r"|(?:hair|cabin|spring|baby|football|world cup|wedding|shopping|gold|hay|election"
    r"|christmas|saturday night) fever"
    # "If anything it's darker": no condition.
    r"|if anything"
    r"|leak(?:ed|ing|s)? (?:goals|points|runs|news|info\w*|details|photos|pictures|secrets"
    r"|documents|stor(?:y|ies))"
    r"|(?:show|season|episode|series|film|movie|book|view|match|game|news) (?:\w+ ){0,3}"
    r"(?:has|had|left|leaves|leaving) me breathless)\b"
)
_SYMBOLS = {"€": " euros ", "£": " pounds ", "$": " dollars ", "#": " number ", "%": " percent "}


@lru_cache(maxsize=256)
def _normalise(text: str) -> str:
    text = re.sub(r"[€£$#%]", lambda m: _SYMBOLS[m.group()], text)
    text = unicodedata.normalize("NFKD", text.replace("\u2019", "'").replace("\u2018", "'"))
    text = "".join(char for char in text if not unicodedata.combining(char)).lower()
    text = re.sub(r"(?<=[a-z])'(?=[a-z])", "", text)  # can't -> cant, it's -> its
    text = re.sub(r"(?<=[a-z])-(?=[a-z])", " ", text)  # light-headed -> light headed
    text = text.replace("&", " and ")
    text = re.sub(r"([a-z])\1{2,}", r"\1\1", text)  # soooo dizzy -> soo dizzy
    text = re.sub(r"\b(\d+) point (\d)\b", r"\1.\2", text)  # 38 point 3 -> 38.3
    text = re.sub(r"[^a-z0-9.,!?;:/\n]+", " ", text)
    text = _IDIOMS.sub(" ", text)
    return re.sub(r" *\n *", "\n", re.sub(r" +", " ", text)).strip()


@lru_cache(maxsize=1024)
def _mended(raw: str) -> tuple[str, tuple[tuple[int, int, int, int], ...]]:
    """A clause with typos corrected, and where each piece of it was: raw start and end, text
    start and end."""
    pieces: list[tuple[int, int, int, int]] = []
    parts: list[str] = []
    offset = 0
    for match in re.finditer(r"[a-z]+|[^a-z]+", raw):
        piece = match.group()
        fixed = _correct(piece) if piece[0].isalpha() else piece
        pieces.append((match.start(), match.end(), offset, offset + len(fixed)))
        parts.append(fixed)
        offset += len(fixed)
    return "".join(parts), tuple(pieces)


class _Clause:
    """One clause with typos corrected, and a way back to the words the patient wrote."""

    def __init__(self, raw: str) -> None:
        self.raw = raw
        self.text, self.pieces = _mended(raw)
        self.signs: set[str] = set()
        # The text negation is looked for in: without "not sure" or "hasn't gone down".
        pseudo = _blank(self.text, _PSEUDO_NEGATION)
        self.quiet = _blank(pseudo, _PERSISTS)
        # Recoveries are looked for where "hasn't gone down" no longer reads as "gone down".
        self.recoveries = [m.start() for m in _RESOLUTION.finditer(_blank(self.text, _PERSISTS))]
        self.present = _present(self.text)
        self._breaks = [0]  # segment boundaries: commas, "and", "so"...
        for match in _SEGMENT_BREAK.finditer(self.text):
            self._breaks += [match.start(), match.end()]
        self._breaks.append(len(self.text))
        self._cues: dict[_Entry, list[tuple[int, int]]] = {}
        # Set by the scan: the message is written for the patient by someone else.
        self.behalf = False

    def segment(self, position: int) -> str:
        """The comma- or "and"-delimited stretch of the clause around ``position``."""
        index = bisect.bisect_right(self._breaks, position)
        if index % 2 == 0:  # inside a break itself: take the stretch before it
            index -= 1
        return self.text[self._breaks[index - 1] : self._breaks[index]]

    def cues(self, entry: _Entry) -> list[tuple[int, int]]:
        """Where the entry's severity or duration cues are, negated ones left out."""
        if entry not in self._cues:
            pattern = entry.qualifier
            found = pattern.finditer(self.text) if pattern else iter(())
            self._cues[entry] = [q.span() for q in found if not _negated(self.quiet, q.start())]
        return self._cues[entry]

    def phrase(self, start: int, end: int) -> str:
        """The patient's own words behind ``self.text[start:end]``."""
        inside = [p for p in self.pieces if p[2] < end and p[3] > start] or self.pieces[:1]
        return self.raw[inside[0][0] : inside[-1][1]].strip(" ,")


def _blank(text: str, pattern: re.Pattern[str]) -> str:
    """The text with the pattern's matches blanked out, so offsets stay the same."""
    return pattern.sub(lambda match: " " * len(match.group()), text)


@lru_cache(maxsize=1024)
def _says(pattern: re.Pattern[str], stretch: str) -> bool:
    """Whether the pattern occurs in a stretch of text (cached: many signs share a stretch)."""
    return pattern.search(stretch) is not None


def _window(text: str, position: int, words: int) -> str:
    """The few words before ``position`` that belong to the same part of the sentence."""
    # A bounded look-back keeps long messages linear.
    before = _SCOPE_BREAK.split(text[max(0, position - 12 * words) : position])[-1]
    return " ".join(before.split()[-words:])


@dataclass
class _Hit:
    """A sign seen in one clause; ``past`` ones are kept in case the next clause revives them."""

    sign: str
    phrase: str
    past: bool
    # A faint needs a doctor even once it is over: "but I'm fine now" does not undo it.
    episode: bool = False


def _others(text: str, *, kin: bool = True) -> list[int]:
    """Where people other than the patient are named in ``text``, leaving out loose words
    ("someone", "people") and speakers ("my sister reckons..."); ``kin`` adds bare words
    such as "friend" or "their" to the pronouns and "my ..." phrases."""
    named = [*_SOMEONE_ELSE.finditer(text), *(_KIN.finditer(text) if kin else ())]
    named += [m for m in _WORD.finditer(text) if _someone_named(text, m)]
    return [
        m.start()
        for m in named
        if m.group() not in ("someone", "somebody", "people") and not _SPEAKS.match(text, m.end())
    ]


def _someone_named(text: str, word: re.Match[str]) -> bool:
    """Whether ``word`` is someone's first name ("Jess", "Sophie's"), not the patient's own
    ("it's Emma", "Emma here")."""
    name = word.group()
    if name not in _FIRST_NAMES and not (name.endswith("s") and name[:-1] in _FIRST_NAMES):
        return False
    signing = _SIGNING.search(text, max(0, word.start() - 9), word.start())
    return not signing and not text.startswith(" here", word.end())


def _someone_else_before(before: str) -> bool:
    """Whether the person last named before a sign is someone other than the patient
    ("a youtuber I watch had...": the patient as a watcher or reader does not count)."""
    mine = [m.start() for m in _SELF.finditer(before) if not _WITNESS.match(before, m.end())]
    theirs = _others(before)
    return bool(theirs) and max(theirs) > max(mine, default=-1)


def _negated(quiet: str, start: int) -> bool:
    before = _FILLER.sub(" ", _window(quiet, start, 12)).split()
    # "None of the spots has any pus": "any" reaches back to the whole stretch.
    return bool(_NEGATION.search(" ".join(before if before[-1:] == ["any"] else before[-5:])))


def _assess(
    entry: _Entry, match: re.Match[str], clause: _Clause, terms: list[tuple[int, str]]
) -> _Hit | None:
    """Whether one lexicon match is a warning sign here, and if so whether it is past."""
    text, quiet = clause.text, clause.quiet
    start, end = match.span()
    scope = clause.segment(start) if entry.unless_nearby else text
    if entry.unless and entry.unless.search(scope):
        return None
    cues = clause.cues(entry)
    if entry.qualifier and not cues:
        return None
    inner = entry.inner_negation and _NEGATION.search(quiet[start:end])
    if _negated(quiet, start) or inner or text[end:].startswith(" free"):
        return None
    if _DENIED_NEXT.match(text, end):
        return None
    segment = clause.segment(start)
    if not clause.behalf:
        if _others(segment, kin=False) and not _says(_SELF, segment):
            return None
        # "My brother cut his hand and it wouldn't stop bleeding": the clause is about him.
        if not _says(_SELF, clause.text) and _others(clause.text, kin=False):
            return None
        # "Picked up the kids, the thermometer said 38.4 when I checked": the patient's.
        if _someone_else_before(text[:start]) and not (
            _says(_SELF, segment) and not _others(segment, kin=False)
        ):
            return None
    present = clause.present
    hypothetical = _NOT_HYPOTHETICAL.sub(" ", _window(text, end, 12))
    asks = _QUESTION.match(text) or _WHAT_IS_IT_LIKE.fullmatch(text[:start])
    general = (_says(_GENERAL, segment) or _says(_EVER, segment) or asks) and not _says(
        _SELF, segment
    )
    general = general or (_says(_GENERAL, text) and not _says(_SELF, text))
    if _IMAGINED.search(text[:end]) or (_MEANING.search(text) and not _says(_MY, text)):
        return None
    looks = _LOOKS_LIKE.match(text)
    if (looks and start < looks.end()) or _ANY_ONE.match(text, 0, start):
        return None
    if _WILL_I.search(text, 0, start) and not clause.present:
        return None
    if _NEVER_HAPPENED.search(text, end):
        # "Fainting was the thing I dreaded and it just didn't happen."
        return None
    normal = [m.end() for m in _NORMAL_TEMPERATURE.finditer(text, end)]
    if entry.sign == "fever" and normal and not _HOT.search(text, normal[-1]):
        # "Feverish on Sunday, 36.9 today": measured normal since.
        return None
    if (_HYPOTHETICAL.search(hypothetical) or general) and not present:
        return None
    first = cues[0] if cues else (start, end)
    phrase = clause.phrase(min(start, first[0]), max(end, first[1]))
    if entry.episode:
        past = bool(_PAST.search(text[:start] + segment))
        return _Hit(entry.sign, phrase, past=past, episode=True)
    # Past when every part of it sits in a stretch of the clause told in the past...
    parts = {clause.segment(part) for part in [start, *(cue_start for cue_start, _ in cues)]}
    anchored = all(_says(_RECENT_PAST, _blank(part, _COMPARED)) for part in parts)
    # ...or when a recovery follows its own words, with no other sign named in between and
    # no worsening after it ("went down, then got worse").
    after = max([end, *(cue_end for _, cue_end in cues)])
    other = min([t for t, sign in terms if t > start and sign != entry.sign], default=len(text))
    resolved = any(after < recovery < other for recovery in clause.recoveries)
    resolved = resolved or _says(_RECOVERY, segment)
    # "Was feverish over the weekend, a virus, feel normal now."
    told_past = _says(_PAST_TENSE, segment) and not _says(_PRESENT, segment)
    resolved = resolved or (told_past and bool(_RECOVERY.search(text, end)))
    resolved = resolved or bool(_SINCE_THEN.search(text, end))
    # "It stopped bleeding after an hour."
    resolved = resolved or bool(_STOPPED_BEFORE.search(text, 0, start))
    return _Hit(entry.sign, phrase, past=(anchored or resolved) and not present)


def _present(text: str) -> bool:
    """Whether the clause says something is going on now (outside any "it has gone")."""
    # "It wouldn't stop at first" tells of then; "it won't stop" of now.
    if any(not m.group().startswith(_THEN) for m in _PERSISTS.finditer(text)):
        return True
    resolved = _RESOLUTION.search(text)
    if _TODAY.search(text) and not (resolved or _RECOVERY.search(text)):
        return True
    text = _blank(_blank(_blank(text, _NOT_PRESENT), _RESOLUTION), _RECOVERY)
    if resolved:
        # "Dried up three days ago, just a normal scab now": a "now" after a recovery tells
        # of the recovery ("now reaches my ear, yesterday it stopped at..." does not).
        text = text[: resolved.end()] + _blank(text[resolved.end() :], _NOW)
    return bool(_PRESENT.search(text))


@lru_cache(maxsize=256)
def _clauses(text: str) -> tuple[str, ...]:
    parts = _CLAUSE_BREAK.split(_normalise(text))
    return tuple(part.strip(" ,") for part in parts if part.strip(" ,"))


@dataclass
class _Context:
    """What the clauses before the current one said."""

    topic: list[_Entry] = field(default_factory=list)  # entries of the last clause naming a sign
    hits: list[_Hit] = field(default_factory=list)  # the last clause's hits, past ones too
    denied: list[_Hit] = field(default_factory=list)  # signs the last clause said were absent
    past_tense: bool = False  # the last clause naming a sign told of the past
    face: bool = False  # the last clause named a part of the face


def _context_hits(clause: _Clause, state: _Context) -> list[_Hit]:
    """Signs a clause adds or changes by referring back to the clause before it."""
    text = clause.text
    hits: list[_Hit] = []
    refers = bool(_REFERENCE.search(text))
    # "...but it's long healed and I've been fine since": it has cleared, not come back.
    cleared = (clause.recoveries or _RECOVERY.search(text)) and not clause.present
    if not clause.signs and refers and not cleared and not _IMAGINED.search(text):
        # "...but now it's spreading": the clause is about the sign named just before.
        for entry in state.topic:
            if entry.unless and entry.unless.search(text):
                continue
            cue = entry.qualifier.search(text) if entry.qualifier else None
            if cue and not _negated(clause.quiet, cue.start()):
                hits.append(_Hit(entry.sign, clause.phrase(*cue.span()), past=False))
    swollen = _FACE_REFERENCE.search(text) if state.face else None
    if swollen and not _NEGATION.search(clause.quiet[: swollen.end()]):
        # "My lips aren't itchy, but they are swollen."
        hits.append(_Hit("face_swelling", clause.phrase(*swollen.span()), past=False))
    clears = _RESOLUTION.search(text) or _RECOVERY.search(text)
    if refers and clause.present and not clears:
        # "I had a fever yesterday, but I still have it": the past one is back.
        back = [h for h in state.hits if not clause.signs or h.sign in clause.signs]
        hits += [_Hit(h.sign, h.phrase, past=False) for h in back]
    elif (
        not clause.signs
        and state.past_tense
        # "...took an antihistamine, but it's not going down" is no recovery.
        and (clause.recoveries or _RECOVERY.search(text))
    ):
        # "I was dizzy, but that passed": the sign before has gone.
        for hit in state.hits:
            hit.past = hit.past or not hit.episode
    if _ECHO.match(text):
        # "I wasn't dizzy yesterday, but I am today."
        hits += [_Hit(h.sign, h.phrase, past=False) for h in state.denied]
    if not clause.signs and _NORMAL_TEMPERATURE.search(text) and not _HOT.search(text):
        # "Feverish on Sunday, but that was the kids' cold - 36.9 today": measured normal since.
        for hit in [*hits, *state.hits]:
            hit.past = hit.past or hit.sign == "fever"
    return hits


def _scan(text: str, lexicon: tuple[_Entry, ...]) -> list[Finding]:
    """One finding per sign of ``lexicon`` that the message says is there now."""
    found: dict[str, Finding] = {}
    state = _Context()
    behalf = bool(_ON_BEHALF.search(_normalise(text)))
    for raw in _clauses(text):
        clause = _Clause(raw)
        clause.behalf = behalf
        found_in = ((e, m) for e in lexicon for m in e.term.finditer(clause.text))
        matches = sorted(found_in, key=lambda em: em[1].start())  # findings in reading order
        clause.signs = {e.sign for e, _ in matches}
        terms = [(m.start(), e.sign) for e, m in matches]
        hits = [h for e, m in matches if (h := _assess(e, m, clause, terms)) is not None]
        hits += _context_hits(clause, state)
        if _DENIAL.fullmatch(clause.text.split(",")[0].strip(" .,!?;:")):
            # "Fever: no.", "Dizzy? Not even slightly, ...": the clause before is denied.
            state.hits = []
        # Committed only now: a clause can still say that the one before it has passed.
        for hit in state.hits:
            if not hit.past:
                found.setdefault(hit.sign, Finding(hit.sign, hit.phrase))
        state.hits = hits
        state.denied = [
            _Hit(e.sign, clause.phrase(*m.span()), past=False)
            for e, m in matches
            if e.qualifier is None and _negated(clause.quiet, m.start())
        ]
        state.face = bool(re.search(rf"\b{_FACE}\b", clause.text))
        if matches:
            state.topic = [e for e, _ in reversed(matches)]  # the nearest first
            state.past_tense = bool(_PAST_TENSE.search(clause.text)) and not clause.present
    for hit in state.hits:
        if not hit.past:
            found.setdefault(hit.sign, Finding(hit.sign, hit.phrase))
    return list(found.values())


def mentions(text: str) -> bool:
    """Whether the message uses any word of a warning sign or a symptom, cleared or not."""
    return any(_ANY_TERM.search(_mended(raw)[0]) for raw in _clauses(text))


# "Day 1: 3/10. Day 2: 5/10. Today: 8/10": pain scored as it grows, each score its own clause.
_SCORE = re.compile(r"(?<![\d.,])(10|[0-9]) ?(?:/ ?10|out of (?:10|ten))\b")
# After a first score, a bare one with its day: "4/10 on Tuesday, 6 yesterday, 9 today".
_LATER_SCORE = re.compile(
    r"(?<![\d.,:/])(10|[0-9])(?: ?(?:/ ?10|out of (?:10|ten)))?(?= (?:today|now|tonight|yesterday"
    r"|this (?:morning|afternoon|evening)|on \w+day)\b)"
)


def _pain_scores(text: str) -> list[re.Match[str]]:
    """Pain scores in the order told: every "N/10", or a first one and the bare ones after it
    that name their day."""
    text = _normalise(text)
    first = _SCORE.search(text)
    if first is None:
        return []
    later = list(_LATER_SCORE.finditer(text, first.end()))
    return [first, *later] if later else list(_SCORE.finditer(text))


def check(text: str) -> list[Finding]:
    """The warning signs in a message, one finding per sign; empty when nothing needs care now."""
    found = _scan(text, _LEXICON)
    scores = _pain_scores(text)
    values = [int(m.group(1)) for m in scores]
    if len(values) >= 2 and values[-1] <= 3 and values[-1] < values[0]:
        # "8/10 on day 1, 5 yesterday, 2 today": a score that has come down is no warning.
        found = [f for f in found if not (f.sign == "severe_pain" and re.search(r"\d", f.phrase))]
    rising = len(values) >= 3 and values[-1] >= 7 and values == sorted(values)
    if rising and values[-1] > values[0] and all(f.sign != "severe_pain" for f in found):
        found.append(Finding("severe_pain", scores[-1].group()))
    return found


# The second net: a symptom of the body, told as the patient's own and present, that the
# lexicon does not name as a warning sign and nothing explains away (negated, over, imagined,
# someone else's, or mild as the sources say side effects can be). Recall comes first: such a
# message gets the warning-sign checklist.
_UNCLEAR = "unclear"
# Explained away: mild as expected, over and fine, someone's words of reassurance, or a figure
# of speech.
_EXPLAINED = re.compile(
    r"\b(?:a bit|bit of|a little|little bit|little|slight\w*|mild\w*|minor|tiny|small|normal"
    r"|expected|some|a few|barely|hardly|a touch|bearable|manageable"
    r"|(?<!if its )(?<!if it is )(?<!is it )(?<!is this )(?<!is that )(?:fine|ok|okay|alright)"
    r"|nothing major|not (?:too )?bad|(?:nurse|doctor|clinic|practitioner|they) (?:\w+ )?"
    r"(?:said|told|warned|mentioned)|pain in the (?:neck|arse|ass|butt)|made me (?:faint|sick)"
    r"|sigh of relief|bored|boring|risks?|easily|inside the (?:pen )?line|better|gone|fad(?:ed|ing)"
    r"|settl\w*|calm\w*|heal\w*|down|wallet|bank|bleed\w* (?:me |us )?dry|breathing down"
    r"|sweating bullets|price|prices|bill|invoice|quote)\b"
)
_SYMPTOMS = (
    # Words that only a symptom uses.
    _Entry(
        _UNCLEAR,
        re.compile(
            r"\b(?:pus|discharge|ooz\w*|leak\w*|blister\w*|hives|welts?|vomit\w*|throw\w* up"
            # "Chill for a day" is rest; "the chills" or "a chill" a symptom.
            r"|threw up|puk\w*|chills|(?:a|the) chill|shiver\w*|shak(?:y|ing)|sweat(?:s|y|ing)"
            r"|dizz\w*|faint(?!ly| (?:pink|red|purple|yellow|marks?|lines?|dots?|bruis\w*|smell"
            r"|itch\w*|sting\w*|tingl\w*|trace|hint|glow|scar\w*|shadow|outline))\w*"
            r"|palpitat\w*|blurr\w*"
            # Confused, not a confusing receipt or confused about the dates.
            r"|confus(?:ed|ion)(?! (?:about|by|with|as to|over|why|what|how|whether|which|when))"
            r"|drows\w*|collaps\w*|stiff neck|infect\w*"
            r"|fever\w*|agony|unbearable|lumps?|lumpy|knots?|throb\w*|streak\w*"
            # Work or a wait can be "killing me"; a head or "it" is a pain.
            r"|(?:head|scalp|skull|forehead|neck|it|this|pain|ache|spots?|area|points?)"
            r"(?:s| is| are)?(?: \w+)? killing me"
            # A blood test, a blood thinner or blood pressure is no bleeding.
            r"|(?<!giving )(?<!give )(?<!gave )(?<!sweating )"
            r"blood(?! (?:tests?|work|results?|pressure|thinn\w*|sugar|type|donat\w*|group"
            r"|count|panel|draw|samples?|vessels?|orange))\w*|bleed\w*|bled|nause\w*|migraines?"
            r"|tingl\w*|numbness|crust\w*"
            r"|scabs? (?:\w+ )?(?:wet|yellow|green|leak\w*))\b"
        ),
        unless=_EXPLAINED,
    ),
    # Side effects the sources call common: they count when the patient is worried by them,
    # or says they are still there or growing.
    _Entry(
        _UNCLEAR,
        re.compile(
            r"\b(?:swell\w*|swollen|puff\w*|redness|red|rash\w*|bumps?|pimples?|bruis\w*"
            r"|pains?|painful|hurt\w*|ache[sd]?|aching|sore\w*|sting\w*|burn(?:s|ing)|itch\w*"
            r"|tender\w*|headaches?"
            # A hot bath or warm weather is no symptom.
            r"|(?:hot|warm)(?! (?:bath|shower|tub|yoga|water|weather|day|drinks?|tea|coffee"
            r"|chocolate|summer|sauna|climate|country|tips?|welcome|regards|wishes|room|car)))\b"
        ),
        qualifier=re.compile(
            r"\b(?:worr\w*|concern\w*|scared|frighten\w*|afraid|anxious|panic\w*|alarm\w*"
            r"|normal|should i|is (?:this|that|it) (?:ok|okay|alright|fine|bad)|bad sign|still"
            r"|keeps?|getting|more|spread\w*|grow\w*|bigger|worse|weeks?|wont|not going"
            r"|all over|everywhere|really|very|so|super|extremely|proper)\b"
        ),
        unless=_EXPLAINED,
    ),
)


_ALL_TERMS = _LEXICON + _SYMPTOMS
# Every term in one pattern: a clause is read once to know whether any is there.
_ANY_TERM = re.compile("|".join(f"(?:{entry.term.pattern})" for entry in _ALL_TERMS))


@dataclass(frozen=True)
class Assessment:
    """What a message needs: the warning signs found, or (failing those) whether it tells of
    a present symptom that cannot be cleared, which the warning-sign checklist answers."""

    findings: list[Finding]
    unclear: bool

    @property
    def alarming(self) -> bool:
        """Whether the message gets the urgent reply or the checklist before anything else."""
        return bool(self.findings) or self.unclear


def assess(text: str) -> Assessment:
    """The warning signs in ``text``; failing those, whether a symptom in it is unclear."""
    findings = check(text)
    unclear = not findings and bool(_scan(text, _SYMPTOMS))
    return Assessment(findings, unclear)
