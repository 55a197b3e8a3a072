using static CostSense.Core.Assistant.SpecialistKind;

namespace CostSense.Core.Assistant.Routing;

/// <summary>
/// The words and phrases analysts use for each specialist's subject, with their weights. Phrases beat the words inside
/// them: "eating * budget" is a question about where the money goes (the cost analyst), so its "budget" does not also
/// count for the FinOps advisor. Weights: 5 a phrase that decides alone, 4 a specific word or jargon, 3 a domain word,
/// 2 a hint, 1 a generic word that decides nothing alone. <c>*</c> alone stands for at most one word. Words are matched after <see cref="QuestionText.Stem"/>
/// ("vms" is "vm"), and near misses of long words count (<see cref="TypoMatcher"/>).
/// </summary>
public static class RoutingVocabulary
{
    public static IReadOnlyList<RouteTerm> Terms { get; } =
    [
        // The cost analyst: spend, trends, breakdowns, single days, anomalies, the forecast.
        .. Topic(CostAnalyst, 5, "month to date", "month over month", "month on month", "end of month", "end of the month",
            "where * money go*", "where * money is going", "where does * money go", "what * eating", "who * eating", "eating * budget", "eating up * budget",
            "eating into * budget", "burn rate", "run rate", "cost driver*", "cost breakdown", "break down", "breakdown", "broken down",
            "split by", "top service*", "top spender*", "biggest spender*", "biggest cost*", "biggest line item*", "by service", "by region",
            "by subscription", "by resource group", "by tag", "by team", "by environment", "by env", "by cost cent*", "by department",
            "by app*", "by owner", "by project", "by location", "per service", "per region", "per subscription", "per resource group",
            "per team", "per environment", "per department", "per app*", "per project", "cost cent*", "chargeback", "charge back",
            "showback", "show back", "cost allocation", "allocate cost*", "higher than usual", "more than usual", "than normal",
            "what happened", "log analytics", "data transfer", "year to date", "year over year", "compared to last", "compared with last",
            "vs last", "versus last", "last month", "previous month", "the same days"),
        .. Topic(CostAnalyst, 4, "forecast*", "mtd", "mom", "eom", "qtd", "ytd", "yoy", "projected", "projection", "trend*", "anomal*",
            "spike*", "spiking", "surge*", "went up", "gone up", "go up", "going up", "goes up", "shot up", "creeping up", "crept up",
            "jump*", "doubled", "tripled", "unusual", "unexpected*", "why did", "why is", "why are", "why was", "why were", "why do",
            "why does", "driver", "egress", "bandwidth", "ingress", "outbound", "networking", "yesterday", "last week", "last quarter",
            "on pace", "trajectory", "running total", "total spend", "total cost*"),
        .. Topic(CostAnalyst, 3, "costliest", "most expensive", "cost the most", "costs the most", "costing", "daily", "per day", "each day",
            "day by day", "weekly", "monthly cost*", "monthly spend", "last * days", "past * days", "quarter", "increase*", "rise", "rising",
            "rose", "grew", "growth", "drop*", "fell", "went down", "department*", "business unit*", "tagged", "untagged",
            "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "weekend", "region*", "subscription*",
            "resource group", "sub"),
        .. Topic(CostAnalyst, 2, "team*", "tag", "tags", "environment*", "env", "location*", "this month", "invoice*", "top", "compare*",
            "versus", "overview", "summary of spend", "app service*", "sql database*", "cosmos*", "service*", "rg"),
        .. Spend(3, "spend", "spending", "spent", "spends", "bill", "billing", "billed", "invoice", "charge*", "outlay"),
        .. Spend(2, "how much", "money", "expensive", "pricey", "paying for", "pay for", "run us", "set us back"),
        .. Spend(1, "cost", "paying", "pay", "paid", "price*", "usage"),

        // The compute optimizer: virtual machines, their size, power state and use.
        .. Topic(ComputeOptimizer, 5, "virtual machine*", "right size", "scale set*", "b series", "d series", "e series", "f series",
            "power state", "turned off", "turn off", "switch off", "switched off", "shut down", "shut off", "power off", "powered off",
            "nights and weekends", "out of hours", "after hours", "outside business hours", "running 24 7", "24 7", "bigger size",
            "smaller size", "smaller sku", "bigger sku", "node pool*"),
        .. Topic(ComputeOptimizer, 4, "vm", "vmss", "rightsiz*", "downsiz*", "upsiz*", "resiz*", "deallocat*", "idle", "idling", "cpu*",
            "vcpu*", "underutili*", "under utili*", "overprovision*", "over provision*", "oversiz*", "over sized", "undersiz*",
            "burstable", "nodepool*", "aks", "hybrid benefit", "ahb", "spot", "scale up", "scale down", "p95", "overloaded", "maxed out",
            "throttl*", "compute"),
        .. Topic(ComputeOptimizer, 3, "machine*", "server*", "instance*", "sku*", "memory", "ram", "utili*", "stopped", "kubernetes",
            "box", "boxes", "jumpbox*", "core", "cores", "workload*", "running", "always on", "hosts"),
        .. Topic(ComputeOptimizer, 2, "size*", "sized", "bigger", "smaller", "slow", "performance", "windows", "linux", "usage pattern*",
            "batch"),

        // The storage optimizer: storage accounts, access tiers, lifecycle, replication.
        .. Topic(StorageOptimizer, 5, "storage account*", "access tier*", "lifecycle polic*", "lifecycle management", "lifecycle rule*",
            "hot tier", "cool tier", "cold tier", "archive tier", "blob storage", "geo redundan*", "zone redundan*", "cold data",
            "rarely accessed", "not accessed", "never accessed", "last accessed", "infrequently accessed", "rarely read", "never read",
            "old logs", "old backups", "old data", "old files", "file share*", "data lake*", "ra grs", "ra gzrs", "second region", "secondary region",
            "another region", "paired region", "other region", "extra cop*"),
        .. Topic(StorageOptimizer, 4, "storage", "blob*", "tiering", "archiv*", "lifecycle", "replicat*", "redundan*", "lrs", "zrs",
            "grs", "gzrs", "ragrs", "adls", "snapshot*", "iops", "retention", "retain", "managed disk*", "premium ssd", "disk*"),
        .. Topic(StorageOptimizer, 3, "tier", "tiers", "cooler", "colder", "ssd", "hdd", "tb", "tib", "terabyte*",
            "container*", "backup*", "logs", "copies"),
        .. Topic(StorageOptimizer, 2, "hot", "cool", "account*", "gb", "gib", "gigabyte*", "capacity", "transactions", "files", "cold"),
        .. Topic(StorageOptimizer, 1, "data"),

        // The FinOps advisor: savings overall, commitments, ROI and payback, the plan, budgets.
        .. Topic(FinOpsAdvisor, 5, "reserved instance*", "reserved vm*", "savings plan*", "saving plan*", "pay as you go",
            "return on investment", "business case", "over budget", "under budget", "within budget", "budget status", "budget alert*",
            "blow * budget", "blow through", "spending limit*", "spend limit*", "spending cap*", "spend cap*", "blow past", "overshoot", "agreed to", "come back", "came back", "got back", "fix first",
            "do first", "tackle first", "first step*", "next step*", "biggest bang", "bang for * buck", "action plan", "remediation plan", "quick win*", "low hanging fruit", "realized saving*",
            "realised saving*", "saving* potential", "potential saving*", "total saving*", "how much can we save", "where can we save",
            "1 year", "3 year", "one year", "three year", "1 yr", "3 yr", "break even", "worth it", "pay off", "pays off", "paid off",
            "allotted", "what we agreed", "accepted saving*", "saved so far", "have we saved", "did we save", "implemented"),
        .. Topic(FinOpsAdvisor, 4, "reserv*", "ri", "ris", "commitment*", "commit*", "payback", "roi", "remediation", "roadmap",
            "prioriti*", "realized", "realised", "payg", "on demand", "discount*", "breakeven", "1yr", "3yr", "1y", "3y",
            "threshold*", "amortiz*", "amortis*"),
        .. Topic(FinOpsAdvisor, 5, "budget*"),
        .. Topic(FinOpsAdvisor, 3, "sp", "sps", "plan", "effort", "term", "upfront", "opportunit*", "wins", "limit*", "cap", "capped"),
        // Who the answer is for says little about its subject.
        .. Topic(FinOpsAdvisor, 1, "cfo", "executive*", "exec", "leadership", "board", "management", "overall"),
        .. Action(3, "save", "saves", "saving", "cut", "cuts", "cutting", "reduce*", "reducing", "reduction*", "lower", "lowering",
            "trim*", "cheapest", "cheaper", "cheap", "optimi*", "optimis*", "shave", "claw back", "bring down", "bring * down",
            "decrease", "minimi*", "get rid", "clean up", "cleanup", "waste*", "wasting", "unused", "orphan*", "zombie*", "nobody * * use*",
            "nobody * * using", "no one * * use*", "no one * * using", "nobody * * open*", "nobody * * touch*", "not * * used", "never * used", "leftover*", "forgotten",
            "efficien*", "squeeze", "slash*", "knock* off", "take * off", "shave off"),

        // Small talk, for the orchestrator itself.
        .. SmallTalk("hi", "hello", "hey", "hiya", "yo", "morning", "good morning", "good afternoon", "good evening", "thanks", "thank*",
            "thx", "ty", "cheers", "bye", "goodbye", "see you", "ok", "okay", "great", "cool", "awesome", "nice", "perfect", "who are you",
            "what are you", "what can you do", "what do you do", "how are you", "help", "joke", "weather", "lol", "haha", "are you there",
            "you there", "test", "testing", "sup", "thank you", "appreciate it", "good job", "well done", "never mind", "nevermind"),
    ];

    private static IEnumerable<RouteTerm> Topic(SpecialistKind kind, double weight, params string[] texts) =>
        texts.Select(t => Term(t, TermRole.Topic, kind, weight));

    private static IEnumerable<RouteTerm> Spend(double weight, params string[] texts) =>
        texts.Select(t => Term(t, TermRole.Spend, CostAnalyst, weight));

    private static IEnumerable<RouteTerm> Action(double weight, params string[] texts) =>
        texts.Select(t => Term(t, TermRole.Action, FinOpsAdvisor, weight));

    private static IEnumerable<RouteTerm> SmallTalk(params string[] texts) =>
        texts.Select(t => Term(t, TermRole.SmallTalk, Orchestrator, 1));

    private static RouteTerm Term(string text, TermRole role, SpecialistKind kind, double weight) =>
        new(text, [.. text.Split(' ').Select(a => a.EndsWith('*') ? a : QuestionText.Stem(a))], role, kind, weight);

    /// <summary>
    /// Everyday words that are never read as a typo of a vocabulary word: "same" is not "save", "there" is not "three".
    /// </summary>
    public static IReadOnlySet<string> CommonWords { get; } = new HashSet<string>(
        """
        a about above across after again against all almost alone along already also although always am among an and another
        any anyone anything are area around as ask asked at away back be became because become been before being below best
        better between big both but by call came can cannot case change come could day days did different do does doing done
        down during each early either else end enough even ever every everyone everything example fact far feel few find first
        for found from full further gave get gets getting give given go goes going good got great group had hand happen has
        have having he her here high him his home house how however i if important in into is it its itself just keep kind
        knew know known large last late later least left less let life like likely line little long look looking made make
        making man many may me mean means might mind more most much must my name need needs never new next no not nothing now
        number of off often old on once one only open or order other others our out over own part people place point possible
        present problem put quite rather really right said same saw say says second see seem seemed seems seen set several
        shall she should show showed shown side since small so some someone something sometimes soon still such sure take taken
        tell than that the their them then there these they thing things think this those though thought three through thus
        time times to today together told too took toward turn two under until up upon us use used uses using very want wanted
        wants was way we well went were what whatever when where whether which while who whole whom whose why will with within
        without word words work world would year years yet you your yours able actually add added again ahead anyway apply
        around asking based basically check checking clear close closer current currently deal details doing else exactly
        explain fine fix following guess happened hard idea instead issue items latest least likely list live lots main maybe
        mostly move moving near nearly note okay once overall plus pretty probably quick quickly ready real reason recent
        recently related remove right seen send share short simple since single sort start started state stop stuff suggest
        summary sure things tomorrow total tried trying understand usual usually various want week weeks whole worth wrong
        """.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries).Select(QuestionText.Stem), StringComparer.Ordinal);
}
