"""English versions of the editorial demo pages (pages/demo_content.py), in plain English.

Each dict has the same shape as its Dutch source; `pages/demo.py` copies the Dutch page into
the English tree (Wagtail's translation of the page, same slug) and fills it with these texts.
"""

from pages.demo_content import call_to_action, faq, heading, paragraph, quote

WLZ = {
    "title": "What is the Wlz?",
    "intro": (
        "The Long-term Care Act (Wet langdurige zorg, Wlz) is for people who need a lot of "
        "care for the rest of their lives, day and night."
    ),
    "search_description": "About the Long-term Care Act: who it is for, how to apply and what "
    "it costs.",
    "body": [
        heading("Who is the Wlz for?"),
        paragraph(
            "<p>The Wlz is for people who need care <b>permanently</b>. They need someone nearby "
            "all day, or someone who keeps an eye on them all the time. This is also called "
            "'supervision'.</p>"
            "<p>For example:</p>"
            "<ul><li>older people with dementia or serious physical conditions;</li>"
            "<li>people with an intellectual disability;</li>"
            "<li>people with a physical disability or a sensory impairment (sight or "
            "hearing);</li>"
            "<li>people with long-term mental health problems who need sheltered "
            "housing.</li></ul>"
            "<p>Children can receive Wlz care too.</p>"
        ),
        heading("What does the Wlz give you?"),
        paragraph(
            "<p>With the Wlz you can live in a care home, such as a nursing home or a group "
            "home. Sometimes you can receive the care at home instead. The care includes "
            "support, personal care, nursing and sometimes treatment, such as "
            "physiotherapy.</p>"
        ),
        heading("How do you apply?"),
        paragraph(
            "<ol><li>You apply for an <b>assessment</b> (indicatie) at the CIZ, the Dutch "
            "care needs assessment centre. It is free. You can apply at "
            "<a href=\"https://www.ciz.nl\">ciz.nl</a>. Someone else may help you, for example "
            "family or a client support worker.</li>"
            "<li>The CIZ talks with you and looks at the care you need.</li>"
            "<li>You receive a letter with the decision. It states your <b>care "
            "profile</b>.</li>"
            "<li>Then you choose how you receive the care, and from which care provider. The "
            "care office in your region arranges this with you.</li></ol>"
        ),
        heading("What does the Wlz cost?"),
        paragraph(
            "<p>You pay a <b>personal contribution</b>. The amount depends on your income, your "
            "savings and the way you receive the care. The CAK works out the contribution and "
            "sends you the bill. On <a href=\"https://www.hetcak.nl\">hetcak.nl</a> you can "
            "estimate what you will pay.</p>"
        ),
        faq(
            "Frequently asked questions about the Wlz",
            [
                (
                    "What is the difference between the Wlz and the Wmo?",
                    "<p>The Wmo (Social Support Act) is the law for help from your "
                    "municipality, so that you can keep living at home. The Wlz is for people "
                    "who permanently need care or supervision all day. That care is "
                    "heavier.</p>",
                ),
                (
                    "Do I have to move if I receive Wlz care?",
                    "<p>No, not always. Sometimes you can receive the care at home: as a full "
                    "package at home (VPT), a modular package at home (MPT) or a personal "
                    "budget (pgb).</p>",
                ),
                (
                    "How long does a decision take?",
                    "<p>The CIZ must decide within six weeks. Sometimes it takes longer, for "
                    "example when the CIZ needs more information. Is it urgent? Then say so "
                    "when you apply.</p>",
                ),
            ],
        ),
        call_to_action(
            "Find a place to live",
            "Do you have an assessment already? Answer a few questions and see which "
            "residences suit you.",
            "Help me choose step by step",
            link_url="/vragenlijst/",
        ),
    ],
}

CLIENT_SUPPORT = {
    "title": "Independent client support",
    "intro": (
        "A client support worker helps you with everything about the Wlz, free of charge. "
        "They are on your side and do not work for a care provider."
    ),
    "search_description": "Free help from an independent client support worker with the Wlz "
    "and with choosing a place to live.",
    "body": [
        heading("What does a client support worker do?"),
        paragraph(
            "<p>A client support worker thinks along with you and helps you, for example:</p>"
            "<ul><li>with applying for an assessment at the CIZ;</li>"
            "<li>with choosing between a care home and care at home;</li>"
            "<li>with finding and visiting a place to live;</li>"
            "<li>in conversations with a care provider or the care office;</li>"
            "<li>when you disagree with something, such as a decision.</li></ul>"
        ),
        heading("What does it cost?"),
        paragraph(
            "<p>Nothing. Everyone with (an application for) a Wlz assessment has the right to "
            "free independent client support. Your family or carer may ask for help too.</p>"
        ),
        heading("How do you get in touch?"),
        paragraph(
            "<p>Contact an organisation for client support in your region. In the Rotterdam "
            "region, one of them is MEE Rotterdam Rijnmond. You can also ask the care office "
            "which client support workers there are.</p>"
        ),
        quote(
            "I did not know where to start. The client support worker came with me to two "
            "residences and helped me with the questions I wanted to ask.",
            "Daughter of a resident",
        ),
    ],
}

ACCESSIBILITY = {
    "title": "Accessibility statement",
    "intro": "Everyone should be able to use Woonvinder. Here you can read how we make sure "
    "of that.",
    "search_description": "How accessible Woonvinder is, what does not work well yet and how "
    "to report a problem.",
    "body": [
        heading("Our standard"),
        paragraph(
            "<p>Woonvinder aims to meet <b>WCAG 2.2 at level AA</b>. This is the standard for "
            "accessible websites of the Dutch government (through the European standard "
            "EN 301 549).</p>"
        ),
        heading("What we do"),
        paragraph(
            "<ul><li>The website works with only a keyboard and with a screen reader.</li>"
            "<li>The website works on a small phone and when you zoom in to 200%.</li>"
            "<li>The texts are in plain Dutch, and the information pages and all buttons and "
            "forms are in English too. Texts that care providers write themselves are in "
            "Dutch only, and marked as Dutch for screen readers.</li>"
            "<li>Information is never shown by colour alone: there are always words or an "
            "icon as well.</li>"
            "<li>Photos of residences always have a description. Care providers cannot add a "
            "photo without one.</li>"
            "<li>With every new version of the website we check every kind of page "
            "automatically with axe-core. We also test with only a keyboard.</li></ul>"
        ),
        heading("What does not work well yet"),
        paragraph(
            "<ul><li>The map of residences is hard to use with a screen reader. The same "
            "information is therefore always in the list as well.</li>"
            "<li>Documents that care providers add themselves, such as PDF leaflets, are not "
            "always accessible. Ask the care provider for another format if you cannot read "
            "a document.</li>"
            "<li>An audit by an independent expert has not been done yet. We are planning it "
            "and will publish the outcome on this page.</li></ul>"
        ),
        heading("Report a problem"),
        paragraph(
            "<p>Is there something on Woonvinder you cannot use? Let us know at the e-mail "
            "address at the bottom of this page. Tell us which page it was and what went "
            "wrong. We reply within five working days.</p>"
        ),
    ],
}

PRIVACY = {
    "title": "Privacy",
    "intro": (
        "Your answers about care are sensitive. We handle them with care and keep as little "
        "as possible."
    ),
    "search_description": "Which data Woonvinder uses, how long we keep it and which cookies "
    "we set.",
    "body": [
        heading("Your answers to the questions"),
        paragraph(
            "<p>When you answer the questions, we remember your answers only during your visit. "
            "After one day they are gone. We keep your answers longer only if you ask us to. "
            "We never write your answers to our log files.</p>"
        ),
        heading("Searching and sharing"),
        paragraph(
            "<p>Your search is part of the address (the link) of the results page. So you can "
            "keep, print or share the results, for example with a relative or a client "
            "support worker. Anyone with the link sees your search. Only share the link with "
            "people you trust.</p>"
        ),
        heading("Cookies"),
        paragraph(
            "<p>We only use cookies that the website needs to work:</p>"
            "<ul><li>a cookie to remember your visit (for example your answers). This cookie "
            "is gone after a day;</li>"
            "<li>a cookie with your shortlist: only the residences you saved, nothing about "
            "you. This cookie stays for 30 days;</li>"
            "<li>a cookie that protects forms;</li>"
            "<li>a cookie that remembers which language you chose.</li></ul>"
            "<p>We do not use cookies to track you and we do not let other companies "
            "watch.</p>"
        ),
        heading("The map"),
        paragraph(
            "<p>Do you look at residences on the map? Then your browser fetches the map images "
            "from OpenStreetMap. OpenStreetMap then sees your IP address, but not what you are "
            "looking for. If you do not want that, use the list.</p>"
        ),
        heading("Your rights"),
        paragraph(
            "<p>You may ask which data we hold about you, and ask us to change or delete it. "
            "Send an e-mail to the address at the bottom of this page. Are you unhappy with "
            "how we handle your data? Then you can complain to the "
            "<a href=\"https://www.autoriteitpersoonsgegevens.nl\">Dutch Data Protection "
            "Authority</a> (Autoriteit Persoonsgegevens).</p>"
        ),
    ],
}

ABOUT = {
    "title": "About Woonvinder",
    "intro": (
        "Woonvinder is run by the Rotterdam Rijnmond care office together with the region's "
        "municipalities. It shows every residence with Wlz care in the region, and nobody can "
        "pay to be shown higher."
    ),
    "search_description": "Who runs Woonvinder, how residences get listed and how we decide "
    "the order of the results.",
    "body": [
        heading("Who runs Woonvinder?"),
        paragraph(
            "<p>Woonvinder is a public service of the Rotterdam Rijnmond care office "
            "(zorgkantoor), together with the municipalities in the region. The care office "
            "arranges Wlz care for everyone in the region, and wants people and their families "
            "to find a place that suits them without having to call every care provider.</p>"
            "<p>Woonvinder is free. It shows no advertisements and sells no data.</p>"
        ),
        heading("How do residences get listed?"),
        paragraph(
            "<p>Every care provider that has a contract with the care office for Wlz care in "
            "the region can list its residences. Each provider's own editors keep their "
            "residences up to date: the description, the care they give, photos and whether "
            "there is a free place. A regional coordinator checks a new residence before it "
            "is shown.</p>"
            "<p>Next to each residence you see when its availability was last confirmed. If "
            "that was long ago, we say so.</p>"
        ),
        heading("Nobody can pay for a higher place"),
        paragraph(
            "<p>The order of the results depends only on your wishes, the distance and whether "
            "there is a place. Care providers cannot pay to be shown higher, and every result "
            "tells you why it is there.</p>"
        ),
    ],
}

CONTENT_PAGES = {
    "wat-is-de-wlz": WLZ,
    "onafhankelijke-clientondersteuning": CLIENT_SUPPORT,
    "toegankelijkheidsverklaring": ACCESSIBILITY,
    "privacy": PRIVACY,
    "over-woonvinder": ABOUT,
}

HOME_INTRO = (
    "Woonvinder helps you find a place to live with care if you have a Wlz assessment, or will "
    "have one soon. For yourself, or for someone you care about."
)

HOME_HOW_IT_WORKS = (
    "<ol><li>Answer a few questions, or search by place straight away.</li>"
    "<li>You see the residences that suit you, with why they suit you and whether there is a "
    "place.</li>"
    "<li>Save the residences you like, compare them and print your list.</li>"
    "<li>Contact the care provider to arrange a visit.</li></ol>"
)

SITE_TITLE = "Woonvinder"
