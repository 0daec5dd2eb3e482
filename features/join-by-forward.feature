Feature: Asking to join by forwarding a message
  Forwarding to the bot a message someone wrote asks to join that person's family album, as an
  invitation link would.

  Background:
    Given Alice has started the bot

  Scenario: Forwarding a member's message asks the owner
    When Bob forwards a message from Alice to the bot
    Then Bob receives a message containing "I asked Alice to let you into their family album."
    And Alice is asked whether Bob may join

  Scenario: Allowed after a forward
    Given Bob forwarded a message from Alice to the bot
    When Alice allows the request
    Then Alice and Bob are in the same family

  Scenario: Forwarding a message of a family member asks the family's owner
    Given Bob has joined Alice's family
    When Carol forwards a message from Bob to the bot
    Then Alice is asked whether Carol may join
    And Bob receives nothing

  Scenario: The author hides their name in forwarded messages
    Given Alice has hidden her name in forwarded messages
    When Bob forwards a message from Alice to the bot
    Then Bob receives a message containing "Alice's privacy settings hide who they are"
    And Alice receives nothing

  Scenario: The author never started the bot
    When Bob forwards a message from Carol to the bot
    Then Bob is told "Carol does not use this bot yet"

  Scenario: Forwarding a message of the bot itself
    When Alice forwards the bot's last message back to it
    Then Alice receives a message containing "That message was not written by a person."

  Scenario: Forwarding one's own message
    Given Alice sent "Hello album"
    When Alice forwards her own message back to the bot
    Then Alice receives a message containing "That is your own family album: you are already in it."
